import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ResponseError,
  ErrorCodes,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from "vscode-languageserver";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DocumentStore, uriToPath } from "./workspace/documents.js";
import { Project } from "./workspace/project.js";
import { toLspDiagnostics } from "./features/diagnostics.js";
import { completion } from "./features/completion.js";
import { hover } from "./features/hover.js";
import { definition, references } from "./features/navigation.js";
import { prepareRename, rename } from "./features/rename.js";
import { documentSymbols, workspaceSymbols } from "./features/symbols.js";
import { formatting } from "./features/formatting.js";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "./features/semanticTokens.js";
import { foldingRanges } from "./features/folding.js";
import { codeActions } from "./features/codeActions.js";
import { codeLenses } from "./features/codeLens.js";
import { inlayHints } from "./features/inlayHints.js";

export interface ServerOptions {
  /** Delay between the last edit and the re-check; short enough to feel instant, long enough to coalesce typing. */
  debounceMs?: number;
}

/**
 * Wires the features to a connection. Every handler reads the project's state for the document it
 * is asked about: the parse (always available, even for a broken file) or the checked plan. Nothing a
 * user types can make a handler throw: a failing feature answers "nothing" and logs the reason.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): Project {
  // Long enough to coalesce a burst of keystrokes, short next to a check of a 5,000-line plan (~50 ms).
  const debounceMs = options.debounceMs ?? 40;
  const store = new DocumentStore(undefined);
  const project = new Project(store);
  project.onInternalError = (error) =>
    connection.console.error(`carrot: the compiler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  let pending: ReturnType<typeof setTimeout> | undefined;
  /** Documents that had diagnostics published, so that fixed files get an empty list. */
  const published = new Set<string>();
  let watchFiles = false;

  connection.onInitialize((params): InitializeResult => {
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    store.root = rootUri && rootUri.startsWith("file:") ? uriToPath(rootUri) : (params.rootPath ?? undefined);
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const options = (params.initializationOptions ?? {}) as { diagnosticsDocsUrl?: unknown };
    project.diagnosticsDocsUrl = typeof options.diagnosticsDocsUrl === "string" ? options.diagnosticsDocsUrl : findDiagnosticsDocs(store.root);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: [".", "(", "[", ",", ":"], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
      },
      serverInfo: { name: "carrot-language-server", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    if (watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.carrot" }] });
    }
  });

  const publishAll = () => {
    const fresh = new Set<string>();
    for (const uri of store.openUris()) {
      const diagnostics = guard(connection, "diagnostics", () => toLspDiagnostics(project, uri), []);
      fresh.add(uri);
      void connection.sendDiagnostics({ uri, version: store.get(uri)?.version, diagnostics });
    }
    // A closed document keeps no diagnostics in the editor.
    for (const uri of published) if (!fresh.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const uri of fresh) published.add(uri);
  };

  // One edit can change the diagnostics of every file of the plan (a renamed declaration breaks its
  // users), so a change re-checks and republishes every open document. An edit after a quiet time
  // is checked at once (the timer of 0 still gathers the changes of one batch of messages); edits in
  // a burst, within `debounceMs` of the last check, wait for the burst to pause.
  let lastCheckEnded = 0;
  const schedule = () => {
    if (pending) clearTimeout(pending);
    const quiet = Date.now() - lastCheckEnded >= debounceMs;
    pending = setTimeout(
      () => {
        pending = undefined;
        publishAll();
        lastCheckEnded = Date.now();
      },
      quiet ? 0 : debounceMs,
    );
  };

  connection.onDidOpenTextDocument(({ textDocument }) => {
    store.openDocument(textDocument.uri, textDocument.text, textDocument.version);
    project.invalidate();
    schedule();
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    store.changeDocument(textDocument.uri, contentChanges, textDocument.version);
    project.invalidate();
    schedule();
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    store.closeDocument(textDocument.uri);
    project.invalidate();
    schedule();
  });
  // Without file watching in the client, a save is the moment other files may have changed on disk.
  connection.onDidSaveTextDocument(() => {
    if (watchFiles) return;
    store.invalidateDisk();
    project.invalidate();
    schedule();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) store.invalidateDisk(change.uri);
    project.invalidate();
    schedule();
  });

  connection.onCompletion((p) => guard(connection, "completion", () => completion(project, p.textDocument.uri, p.position), []));
  connection.onHover((p) => guard(connection, "hover", () => hover(project, p.textDocument.uri, p.position), null));
  connection.onDefinition((p) => guard(connection, "definition", () => definition(project, p.textDocument.uri, p.position), []));
  connection.onReferences((p) =>
    guard(connection, "references", () => references(project, p.textDocument.uri, p.position, p.context.includeDeclaration), []),
  );
  connection.onPrepareRename((p) => guard(connection, "prepareRename", () => prepareRename(project, p.textDocument.uri, p.position), null));
  connection.onRenameRequest((p) => {
    const result = guard(connection, "rename", () => rename(project, p.textDocument.uri, p.position, p.newName), {
      kind: "refused" as const,
      message: "Rename failed",
    });
    if (result.kind === "refused") return new ResponseError(ErrorCodes.InvalidRequest, result.message);
    return result.edit;
  });
  connection.onDocumentSymbol((p) => guard(connection, "documentSymbol", () => documentSymbols(project, p.textDocument.uri), []));
  connection.onWorkspaceSymbol((p) => guard(connection, "workspaceSymbol", () => workspaceSymbols(project, p.query), []));
  connection.onDocumentFormatting((p) => guard(connection, "formatting", () => formatting(project, p.textDocument.uri), []));
  connection.languages.semanticTokens.on((p) =>
    guard(connection, "semanticTokens", () => ({ data: semanticTokens(project, p.textDocument.uri) }), { data: [] }),
  );
  connection.onFoldingRanges((p) => guard(connection, "folding", () => foldingRanges(project, p.textDocument.uri), []));
  connection.onCodeAction((p) => guard(connection, "codeAction", () => codeActions(project, p.textDocument.uri, p.range, p.context.diagnostics), []));
  connection.onCodeLens((p) => guard(connection, "codeLens", () => codeLenses(project, p.textDocument.uri), []));
  connection.languages.inlayHint.on((p) => guard(connection, "inlayHint", () => inlayHints(project, p.textDocument.uri, p.range), []));

  connection.onShutdown(() => {
    if (pending) clearTimeout(pending);
    pending = undefined;
  });

  connection.listen();
  return project;
}

/**
 * docs/diagnostics.md of the project the workspace lives in (found by walking up from the root), as a
 * file URL: diagnostics link to the page of their code. Clients can pass `diagnosticsDocsUrl` in the
 * initialization options instead (e.g. a published copy).
 */
function findDiagnosticsDocs(root: string | undefined): string | undefined {
  for (let dir = root; dir; ) {
    const candidate = path.join(dir, "docs", "diagnostics.md");
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // The copy shipped next to the server: dist/docs/ in the VS Code extension, the repository's docs/
  // when the server runs from packages/lsp.
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, "docs", "diagnostics.md"), path.join(here, "..", "..", "..", "docs", "diagnostics.md")]) {
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return undefined;
}

/** Runs a feature; an internal failure is logged and answered with an empty result instead of an error popup. */
function guard<T>(connection: Connection, feature: string, run: () => T, fallback: T): T {
  try {
    return run();
  } catch (error) {
    connection.console.error(`carrot: ${feature} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}
