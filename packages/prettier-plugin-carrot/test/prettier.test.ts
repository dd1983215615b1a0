import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "@carrot/language";
import * as prettier from "prettier";
import { afterAll, describe, expect, it } from "vitest";
import plugin, { format } from "../src/index.js";
import { corpus, packageDir, repoRoot } from "./corpus.js";

const canonical = (text: string) => {
  const result = format(text);
  if (!result.ok) throw new Error("format refused");
  return result.text;
};

describe("through prettier's API", () => {
  for (const file of corpus()) {
    it(`${file.name} gives exactly format()'s output`, async () => {
      const out = await prettier.format(file.text, { parser: "carrot", plugins: [plugin] });
      expect(out).toBe(canonical(file.text));
    });
  }

  it("infers the parser from the .carrot extension", async () => {
    const out = await prettier.format("let   x=1\n", { filepath: "plan.carrot", plugins: [plugin] });
    expect(out).toBe("let x = 1\n");
  });

  it("uses 100 columns by default (not prettier's 80) and honours printWidth", async () => {
    const text = `measure m = ${"a".repeat(20)} + ${"b".repeat(30)} + ${"c".repeat(30)}\n`;
    expect(text.length - 1).toBe(98);
    expect(await prettier.format(text, { parser: "carrot", plugins: [plugin] })).toBe(text);
    const narrow = await prettier.format(text, { parser: "carrot", plugins: [plugin], printWidth: 60 });
    const expected = format(text, { printWidth: 60 });
    expect(expected.ok && narrow === expected.text).toBe(true);
    expect(narrow.split("\n").length).toBe(4);
  });

  it("keeps every comment (prettier's own comment handling stays out of the way)", async () => {
    const text = "// a\nlet x = 1 // b\n\n// c\ntiers t marginal { // d\n  0% .. : 1% // e\n  // f\n}\n// g\n";
    const out = await prettier.format(text, { parser: "carrot", plugins: [plugin] });
    expect(parse(out, "x.carrot").comments.map((c) => c.text)).toEqual([
      "// a",
      "// b",
      "// c",
      "// d",
      "// e",
      "// f",
      "// g",
    ]);
  });

  it("reports syntax errors as prettier errors with a location", async () => {
    const error = await prettier.format("let x = 1\nmeasure m = (1 +\n", { parser: "carrot", plugins: [plugin] }).then(
      () => undefined,
      (e: unknown) => e as { loc?: { start: { line: number; column: number } }; message: string },
    );
    expect(error).toBeDefined();
    expect(error!.loc?.start.line).toBeGreaterThanOrEqual(2);
    expect(error!.message).toMatch(/\[P\d+\] \(2:\d+\)/);
  });

  it("honours endOfLine", async () => {
    const out = await prettier.format("let a = 1\nlet b = 2\n", {
      parser: "carrot",
      plugins: [plugin],
      endOfLine: "crlf",
    });
    expect(out).toBe("let a = 1\r\nlet b = 2\r\n");
  });
});

describe("through the prettier CLI, as a process", () => {
  const distPlugin = join(packageDir, "dist", "index.js");
  const prettierBin = join(repoRoot, "node_modules", "prettier", "bin", "prettier.cjs");
  const work = mkdtempSync(join(tmpdir(), "carrot-prettier-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const available = existsSync(distPlugin);
  if (!available) {
    console.warn(
      `skipping the prettier CLI tests: ${distPlugin} is absent (run \`npx tsc -b packages/prettier-plugin-carrot\`)`,
    );
  }

  const run = (args: string[]) =>
    spawnSync(process.execPath, [prettierBin, "--plugin", distPlugin, ...args], { cwd: work, encoding: "utf8" });

  it.skipIf(!available)("--write on every example twice gives the same bytes, which still parse", () => {
    cpSync(join(repoRoot, "examples"), join(work, "examples"), {
      recursive: true,
      filter: (src) => statSync(src).isDirectory() || src.endsWith(".carrot"),
    });
    const files = corpusUnder(join(work, "examples"));
    expect(files.length).toBeGreaterThan(0);
    const first = run(["--write", "examples/**/*.carrot"]);
    expect(first.status, first.stderr).toBe(0);
    const once = files.map((f) => readFileSync(f, "utf8"));
    const second = run(["--write", "examples/**/*.carrot"]);
    expect(second.status, second.stderr).toBe(0);
    expect(files.map((f) => readFileSync(f, "utf8"))).toEqual(once);
    for (const [i, text] of once.entries()) {
      expect(parse(text, files[i]!).diagnostics).toEqual([]);
      expect(text).toBe(canonical(text));
    }
  });

  it.skipIf(!available)("--check passes on formatted files and fails on unformatted ones", () => {
    writeFileSync(join(work, "ugly.carrot"), "let   x=1\n");
    writeFileSync(join(work, "neat.carrot"), "let x = 1\n");
    expect(run(["--check", "neat.carrot"]).status).toBe(0);
    expect(run(["--check", "ugly.carrot"]).status).not.toBe(0);
  });

  it.skipIf(!available)("prints a syntax error with its location and exits non-zero, leaving the file alone", () => {
    const broken = "let x = 1\nmeasure m = (1 +\n";
    writeFileSync(join(work, "broken.carrot"), broken);
    const result = run(["--write", "broken.carrot"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/broken\.carrot.*\(\d+:\d+\)/s);
    expect(readFileSync(join(work, "broken.carrot"), "utf8")).toBe(broken);
  });

  it.skipIf(!available)("resolves by package name from the repository root", () => {
    const resolved = execFileSync(
      process.execPath,
      ["-e", 'process.stdout.write(require.resolve("prettier-plugin-carrot"))'],
      {
        cwd: repoRoot,
        encoding: "utf8",
      },
    );
    expect(resolved).toBe(distPlugin);
    const out = spawnSync(
      process.execPath,
      [prettierBin, "--plugin", "prettier-plugin-carrot", "--stdin-filepath", "x.carrot"],
      {
        cwd: repoRoot,
        input: "let   x=1\n",
        encoding: "utf8",
      },
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toBe("let x = 1\n");
  });
});

function corpusUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...corpusUnder(path));
    else if (entry.name.endsWith(".carrot")) found.push(path);
  }
  return found.sort();
}
