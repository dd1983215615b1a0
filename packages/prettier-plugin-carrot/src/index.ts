/**
 * prettier-plugin-carrot: the canonical Carrot formatter (`format`) and the prettier plugin that
 * exposes it (`languages`, `parsers`, `printers`, the default export).
 */
export {
  format,
  structure,
  DEFAULT_PRINT_WIDTH,
  FORMAT_UNSAFE,
  FORMAT_DIAGNOSTICS,
  type FormatOptions,
  type FormatResult,
} from "./format.js";
export { languages, parsers, printers, defaultOptions, type CarrotRoot } from "./plugin.js";
export { default } from "./plugin.js";
