/** Text helpers shared by the terminal and Markdown renderers. */

export type Align = "left" | "right";

/** An aligned plain-text table: a header, a rule, the rows; numbers right-aligned by the caller's choice. */
export function alignedTable(headers: string[], rows: string[][], align: Align[]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (align[i] === "right" ? c.padStart(widths[i]! + c.length - width(c)) : c.padEnd(widths[i]! + c.length - width(c))))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** Display width in code points (data names may hold accents; no East Asian width tables here). */
function width(text: string): number {
  return [...text].length;
}

/** Removes control characters a terminal would interpret (escape sequences from hostile data). */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Text from data or plans made inert in Markdown (and in the HTML that Markdown may carry). */
export function mdText(text: string): string {
  return text
    // Brackets are escaped, so parentheses can never form a link: they stay as written.
    .replace(/[\\`*_{}[\]#+!|~]/g, (c) => "\\" + c)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

/** An inline code span that survives backticks and table pipes in its content. */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const runs = flat.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

export function mdTable(headers: string[], rows: string[][], align: Align[]): string {
  const rule = align.map((a) => (a === "right" ? "---:" : "---"));
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  return [line(headers), line(rule), ...rows.map(line)].join("\n") + "\n";
}

/** `sha256:0123456789ab…` shortened for people; JSON keeps the full hash. */
export function shortHash(hash: string): string {
  return hash.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, "$1");
}
