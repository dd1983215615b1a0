import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import type { InitializeResult, PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { parseMarkers } from "./markers.js";
import { MARKED_PLAN } from "./fixtures/plan.js";
import { LineIndex } from "../src/text/lineIndex.js";
import { applyEdits } from "../src/text/minimalEdits.js";
import { format } from "prettier-plugin-carrot";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(packageRoot, "../..");
const bin = join(packageRoot, "bin/carrot-language-server.js");

/** The built server is needed (the bin runs dist/); build it once if it is missing. */
function ensureBuilt(): string | undefined {
  if (existsSync(join(packageRoot, "dist/main.js"))) return undefined;
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  const build = spawnSync(process.execPath, [tsc, "-b", "packages/lsp"], { cwd: repoRoot, encoding: "utf8" });
  if (build.status !== 0 || !existsSync(join(packageRoot, "dist/main.js"))) return `npx tsc -b packages/lsp failed:\n${build.stdout}${build.stderr}`;
  return undefined;
}

const skipReason = ensureBuilt();
if (skipReason) console.warn(`SKIPPED packages/lsp/test/stdio.test.ts: the server is not built (${skipReason})`);

describe.skipIf(skipReason !== undefined)("language server over stdio", () => {
  const marked = parseMarkers(MARKED_PLAN);
  const lines = new LineIndex(marked.text);
  let dir: string;
  let uri: string;
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let init: InitializeResult;
  const diagnostics: PublishDiagnosticsParams[] = [];
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  const nextDiagnostics = (predicate: (p: PublishDiagnosticsParams) => boolean) =>
    new Promise<PublishDiagnosticsParams>((resolvePromise) => {
      const already = diagnostics.find(predicate);
      if (already) resolvePromise(already);
      else waiters.push({ predicate, resolve: resolvePromise });
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "carrot-lsp-stdio-"));
    writeFileSync(join(dir, "plan.carrot"), marked.text);
    // The server links each diagnostic to docs/diagnostics.md found above the workspace root.
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "diagnostics.md"), "# Diagnostics\n");
    uri = pathToFileURL(join(dir, "plan.carrot")).href;
    server = spawn(process.execPath, [bin, "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "inherit"] });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      diagnostics.push(p);
      for (const w of [...waiters]) if (w.predicate(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    });
    connection.listen();
    init = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "test" }],
      capabilities: {},
    });
    await connection.sendNotification("initialized", {});
  });

  afterAll(() => {
    connection?.dispose();
    if (server && server.exitCode === null) server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("announces its capabilities", () => {
    const caps = init.capabilities;
    expect(caps.completionProvider).toBeDefined();
    expect(caps.hoverProvider).toBe(true);
    expect(caps.definitionProvider).toBe(true);
    expect(caps.referencesProvider).toBe(true);
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
    expect(caps.documentSymbolProvider).toBe(true);
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.semanticTokensProvider).toMatchObject({ full: true });
    expect(caps.codeActionProvider).toBeDefined();
    expect(caps.foldingRangeProvider).toBe(true);
  });

  it("publishes no diagnostics for a valid plan", async () => {
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "carrot", version: 1, text: marked.text } });
    const published = await nextDiagnostics((p) => p.uri === uri && p.version === 1);
    expect(published.diagnostics).toEqual([]);
  });

  it("completes the members of the expected dimension", async () => {
    const at = marked.text.indexOf("given revenue(") + "given revenue(".length;
    const items = await connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: lines.positionAt(at) });
    const labels = (Array.isArray(items) ? items : (items as { items: { label: string }[] }).items).map((i: { label: string }) => i.label).sort();
    expect(labels).toEqual(["Cardio", "Oncology"]);
  });

  it("hovers with the type and the doc comment", async () => {
    const use = marked.ranges[1];
    const hover = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: lines.positionAt(use.start + 2) });
    const value = (hover as { contents: { value: string } }).contents.value;
    expect(value).toContain("measure revenue(c: Category)");
    expect(value).toContain("Net credited sales of a category.");
  });

  it("goes to the definition", async () => {
    const [declaration, use] = marked.ranges;
    const locations = await connection.sendRequest("textDocument/definition", { textDocument: { uri }, position: lines.positionAt(use.start + 1) });
    expect(locations).toEqual([{ uri, range: lines.rangeOf(declaration) }]);
  });

  it("renames every occurrence", async () => {
    const edit = (await connection.sendRequest("textDocument/rename", {
      textDocument: { uri },
      position: lines.positionAt(marked.ranges[2].start),
      newName: "net_revenue",
    })) as { changes: Record<string, { range: unknown; newText: string }[]> };
    expect(edit.changes[uri]).toEqual(marked.ranges.map((r) => ({ range: lines.rangeOf(r), newText: "net_revenue" })));
  });

  it("answers the other requests of an editor session", async () => {
    const textDocument = { uri };
    const whole = { start: { line: 0, character: 0 }, end: lines.positionAt(marked.text.length) };
    const tokens = (await connection.sendRequest("textDocument/semanticTokens/full", { textDocument })) as { data: number[] };
    expect(tokens.data.length).toBeGreaterThan(100);
    expect(tokens.data.length % 5).toBe(0);
    const symbols = (await connection.sendRequest("textDocument/documentSymbol", { textDocument })) as { name: string }[];
    expect(symbols.map((s) => s.name)).toContain("revenue");
    const folds = (await connection.sendRequest("textDocument/foldingRange", { textDocument })) as unknown[];
    expect(folds.length).toBeGreaterThan(3);
    const lenses = (await connection.sendRequest("textDocument/codeLens", { textDocument })) as { command: { command: string } }[];
    expect(lenses.map((l) => l.command.command)).toEqual(["carrot.runTests", "carrot.runTests"]);
    const hints = (await connection.sendRequest("textDocument/inlayHint", { textDocument, range: whole })) as { label: string }[];
    expect(hints.map((h) => h.label)).toEqual([": money (EUR)"]);
    const references = (await connection.sendRequest("textDocument/references", {
      textDocument,
      position: lines.positionAt(marked.ranges[0].start),
      context: { includeDeclaration: true },
    })) as unknown[];
    expect(references).toHaveLength(3);
    const workspaceSymbols = (await connection.sendRequest("workspace/symbol", { query: "commis" })) as { name: string }[];
    expect(workspaceSymbols.map((s) => s.name)).toContain("commission");
    const prepare = await connection.sendRequest("textDocument/prepareRename", { textDocument, position: lines.positionAt(marked.ranges[1].start) });
    expect(prepare).toEqual({ range: lines.rangeOf(marked.ranges[1]), placeholder: "revenue" });
    const refused = connection.sendRequest("textDocument/rename", { textDocument, position: lines.positionAt(marked.ranges[1].start), newName: "measure" });
    await expect(refused).rejects.toThrow(/keyword/);
  });

  it("formats with minimal edits", async () => {
    const messy = "let   growth=5%\nlet shrink = growth*2\n";
    const messyUri = pathToFileURL(join(dir, "messy.carrot")).href;
    await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: messyUri, languageId: "carrot", version: 1, text: messy } });
    const edits = (await connection.sendRequest("textDocument/formatting", {
      textDocument: { uri: messyUri },
      options: { tabSize: 2, insertSpaces: true },
    })) as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
    const messyLines = new LineIndex(messy);
    const applied = applyEdits(messy, edits.map((e) => ({ span: messyLines.spanOf(e.range), newText: e.newText })));
    const expected = format(messy);
    expect(expected.ok).toBe(true);
    expect(applied).toBe(expected.ok ? expected.text : "");
    // Only the changed places are touched, never the whole document.
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (const e of edits) expect(e.newText.length).toBeLessThanOrEqual(3);
    await connection.sendNotification("textDocument/didClose", { textDocument: { uri: messyUri } });
  });

  it("publishes a diagnostic with its code and documentation link when an edit breaks the plan", async () => {
    const use = marked.ranges[1];
    // `revenue` → `revenu`: an unknown name.
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: lines.positionAt(use.end - 1), end: lines.positionAt(use.end) }, text: "" }],
    });
    const published = await nextDiagnostics((p) => p.uri === uri && p.version === 2);
    expect(published.diagnostics.length).toBeGreaterThan(0);
    const unknown = published.diagnostics.find((d) => d.code === "C0101");
    expect(unknown).toBeDefined();
    expect(unknown!.range).toEqual(lines.rangeOf({ start: use.start, end: use.end - 1 }));
    expect(unknown!.message).toContain("revenu");
    expect(unknown!.codeDescription?.href).toBe(pathToFileURL(join(dir, "docs", "diagnostics.md")).href + "#c0101");
  });

  it("shuts down and exits cleanly", async () => {
    await connection.sendRequest("shutdown");
    const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    await connection.sendNotification("exit");
    expect(await exited).toBe(0);
  });
});
