export * from "./ast/types.js";
export * from "./diagnostics/types.js";
export { parse, type ParseResult } from "./parse.js";
export type { TokenInfo } from "./lexer/token-info.js";
export { KEYWORDS, SOFT_KEYWORDS } from "./lexer/tokens.js";
export { SYNTAX_DIAGNOSTICS } from "./diagnostics/syntax.js";
export { LineIndex, type Position, type LineColumn } from "./util/line-index.js";
export { forEachChild, walk, stripSpans, type AstNode, type Visitor } from "./ast/walk.js";
export { printAst, type PrintOptions } from "./ast/print.js";
