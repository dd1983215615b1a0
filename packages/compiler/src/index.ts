/**
 * @carrot/compiler: workspace → resolve → check → lower. See CONTEXT.md.
 */
export {
  compile,
  checkFiles,
  type CompileOptions,
  type CheckFilesOptions,
  type CompileResult,
  type Program,
  type SymbolInfo,
} from "./compile.js";
export { wordAt, type Completion } from "./completions.js";
export { collectPlanFiles } from "./workspace/files.js";
export { clearParseCache } from "./workspace/parse.js";
export { formatDiagnostic, sortDiagnostics } from "./diagnostics/format.js";
export { SEMANTIC_DIAGNOSTICS, CATALOGUE, diag, type Code } from "./diagnostics/catalogue.js";
export { renderDiagnosticsDoc } from "./diagnostics/docs.js";
export type { Sym, SymbolTable, Reference, Resolution } from "./resolve/symbols.js";
export type { LoadedFile, ReadFile } from "./workspace/workspace.js";
export { showType, type Ty } from "./check/types.js";
