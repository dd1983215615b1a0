export * from "./ast/types.js";
export * from "./diagnostics/types.js";
