/**
 * Diagnostics are data: a stable code, a severity, a precise range, a message and help.
 * Every pass (parser, resolver, checker, lowering) reports into this shape; codes are listed in
 * the catalogue (`catalogue.ts`) and documented one by one in docs/diagnostics.md.
 */
import type { Span } from "../ast/types.js";

export type Severity = "error" | "warning" | "info";

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface DiagnosticFix {
  /** What the fix does, e.g. `Replace with 'revenue'`. */
  title: string;
  /** Edits in the diagnostic's own file. */
  edits: TextEdit[];
}

export interface RelatedInformation {
  uri: string;
  span: Span;
  message: string;
}

export interface Diagnostic {
  /** Stable code: `P…` syntax, `C…` semantic (see docs/diagnostics.md). */
  code: string;
  severity: Severity;
  message: string;
  uri: string;
  span: Span;
  help?: string;
  related?: RelatedInformation[];
  fixes?: DiagnosticFix[];
}

/** One entry of a diagnostics catalogue: the documentation of a code (docs/diagnostics.md is generated from these). */
export interface DiagnosticInfo {
  code: string;
  severity: Severity;
  /** A short title, e.g. "Unknown name". */
  title: string;
  /** What triggers it and why it matters, in a sentence or two. */
  explanation: string;
  /** How to fix it. */
  help: string;
  /** A small plan fragment that triggers it. */
  example: string;
}
