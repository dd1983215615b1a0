import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseMarkers } from "./markers.js";
import { LineIndex } from "../src/text/lineIndex.js";

/**
 * End to end with a real editor: headless Neovim (0.7: `vim.lsp.start_client` + `buf_attach_client`)
 * runs the built server over stdio on the main example plan with one mistake, waits for the diagnostic, asks for a
 * completion, and writes what it got to a JSON file that this test reads.
 */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(packageRoot, "bin/carrot-language-server.js");

function skipReason(): string | undefined {
  const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  if (nvim.error || nvim.status !== 0) return "nvim is not on the PATH (apt-get install -y neovim)";
  if (!existsSync(join(packageRoot, "dist/main.js"))) return "the server is not built (npx tsc -b packages/lsp)";
  return undefined;
}

const reason = skipReason();
if (reason) console.warn(`SKIPPED packages/lsp/test/neovim.test.ts: ${reason}`);

const repo = resolve(packageRoot, "../..");
/** The main example plan, with one mistake (an unknown name) and a cursor where a Category member goes. */
function examplePlan(): string {
  const plan = readFileSync(resolve(repo, "examples/pharma-field-force/plan.carrot"), "utf8");
  const mistake = "measure attainment(c: Category) = revenue(c) / quota(c)";
  const cursorAt = "  given quota(Cardio) = 80000 EUR";
  if (!plan.includes(mistake) || !plan.includes(cursorAt)) throw new Error("the example plan changed: update the Neovim test's anchors");
  return plan
    .replace(mistake, "measure attainment(c: Category) = <|revenu|>(c) / quota(c)")
    .replace(cursorAt, "  given quota(<|>Cardio) = 80000 EUR");
}

const LUA = (planPath: string, outPath: string, line: number, character: number) => `
local out = {}
local client_id = vim.lsp.start_client({
  name = "carrot",
  cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(bin)}, "--stdio" },
  root_dir = ${JSON.stringify(dirname(planPath))},
})
vim.cmd("edit " .. vim.fn.fnameescape(${JSON.stringify(planPath)}))
vim.bo.filetype = "carrot"
vim.lsp.buf_attach_client(0, client_id)
out.attached = vim.wait(10000, function()
  local client = vim.lsp.get_client_by_id(client_id)
  return client ~= nil and client.initialized == true
end, 50)
out.got_diagnostics = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
end
local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = ${line}, character = ${character} } }
local responses = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 10000)
out.completion = {}
for _, response in pairs(responses or {}) do
  local result = response.result or {}
  local items = result.items or result
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
end
local file = io.open(${JSON.stringify(outPath)}, "w")
file:write(vim.fn.json_encode(out))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
`;

describe.skipIf(reason !== undefined)("Neovim end to end", () => {
  it("shows the server's diagnostics and completions in Neovim", () => {
    const dir = mkdtempSync(join(tmpdir(), "carrot-nvim-"));
    try {
      const marked = parseMarkers(examplePlan());
      const lines = new LineIndex(marked.text);
      const planPath = join(dir, "plan.carrot");
      const outPath = join(dir, "out.json");
      writeFileSync(planPath, marked.text);
      const cursor = lines.positionAt(marked.cursors[0]);
      writeFileSync(join(dir, "e2e.lua"), LUA(planPath, outPath, cursor.line, cursor.character));
      const run = spawnSync("nvim", ["--headless", "--clean", "-c", "luafile e2e.lua"], { cwd: dir, encoding: "utf8", timeout: 45000 });
      expect(existsSync(outPath), `nvim wrote no result:\n${run.stdout}\n${run.stderr}`).toBe(true);
      const out = JSON.parse(readFileSync(outPath, "utf8"));
      expect(out.attached).toBe(true);
      expect(out.got_diagnostics).toBe(true);
      const unknown = lines.rangeOf(marked.ranges[0]);
      expect(out.diagnostics).toContainEqual(
        expect.objectContaining({ lnum: unknown.start.line, col: unknown.start.character, end_col: unknown.end.character, code: "C0101" }),
      );
      expect([...out.completion].sort()).toEqual(["Cardio", "Oncology", "Respiratory"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
