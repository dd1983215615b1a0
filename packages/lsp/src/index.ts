/**
 * @carrot/lsp: the Carrot language server. `startServer(connection)` wires every feature to an LSP
 * connection (see main.ts for the stdio/IPC entry point); the features are plain functions of a
 * `Project` (documents + parsed/checked states), usable in-process.
 */
export { startServer, type ServerOptions } from "./server.js";
export { Project, type ParsedDoc } from "./workspace/project.js";
export { DocumentStore, uriToPath, pathToUri } from "./workspace/documents.js";
export { minimalEdits, applyEdits, type OffsetEdit } from "./text/minimalEdits.js";
