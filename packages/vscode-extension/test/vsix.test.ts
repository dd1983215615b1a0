import { describe, expect, it } from "vitest";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";

const extensionRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const vsix = resolve(extensionRoot, "carrot-vscode.vsix");

// Builds the bundles and the .vsix once (a few seconds with esbuild; vsce works offline), then reads
// the archive's listing: what VS Code installs is what is in the zip, not what is in the folder.
function buildVsix(): string[] {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: extensionRoot, stdio: "pipe" });
  const vsce = resolve(extensionRoot, "../../node_modules/@vscode/vsce/vsce");
  execFileSync(
    process.execPath,
    [vsce, "package", "--no-dependencies", "--skip-license", "--allow-missing-repository", "-o", vsix],
    { cwd: extensionRoot, stdio: "pipe" },
  );
  const listing = execFileSync("unzip", ["-Z1", vsix], { encoding: "utf8" });
  return listing.split("\n").filter((line) => line.length > 0);
}

const unzipMissing = spawnSync("unzip", ["-v"]).error !== undefined;
if (unzipMissing) console.warn("SKIPPED packages/vscode-extension/test/vsix.test.ts: `unzip` is not on the PATH (apt-get install -y unzip)");

describe.skipIf(unzipMissing)("carrot-vscode.vsix", () => {
  const files = unzipMissing ? [] : buildVsix();

  it.each([
    "extension/package.json",
    "extension/syntaxes/carrot.tmLanguage.json",
    "extension/language-configuration.json",
    "extension/snippets/carrot.json",
    "extension/dist/extension.js",
    "extension/dist/server.js",
  ])("contains %s", (file) => {
    expect(files).toContain(file);
  });

  it("bundles a CLI that runs the plans' tests for the Run Tests command", () => {
    expect(files).toContain("extension/dist/cli.js");
    const alone = mkdtempSync(join(tmpdir(), "carrot-vsix-cli-"));
    try {
      writeFileSync(join(alone, "cli.js"), execFileSync("unzip", ["-p", vsix, "extension/dist/cli.js"], { maxBuffer: 64 * 1024 * 1024 }));
      const help = execFileSync(process.execPath, [join(alone, "cli.js"), "test", "--help"], { cwd: alone, encoding: "utf8" });
      expect(help).toContain("--filter");
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it("contains the README (vsce lower-cases its name)", () => {
    expect(files.map((f) => f.toLowerCase())).toContain("extension/readme.md");
  });

  it("ships neither sources nor node_modules", () => {
    expect(files.filter((f) => f.startsWith("extension/src/") || f.includes("node_modules/"))).toEqual([]);
  });

  it("declares what it contributes, pointing at files that are in the package", () => {
    const manifest = JSON.parse(execFileSync("unzip", ["-p", vsix, "extension/package.json"], { encoding: "utf8" }));
    expect(manifest.name).toBe("carrot-vscode");
    expect(manifest.publisher).toBe("carrot");
    expect(manifest.engines.vscode).toBe("^1.91.0");
    expect(manifest.contributes.languages[0]).toMatchObject({ id: "carrot", extensions: [".carrot"] });
    const referenced = [
      manifest.main,
      manifest.contributes.languages[0].configuration,
      manifest.contributes.grammars[0].path,
      manifest.contributes.snippets[0].path,
    ];
    for (const ref of referenced) expect(files).toContain("extension/" + ref.replace(/^\.\//, ""));
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(["carrot.runPlan", "carrot.runTests"]);
  });

  it("bundles a server that starts on its own, away from the workspace's node_modules", async () => {
    const alone = mkdtempSync(join(tmpdir(), "carrot-vsix-server-"));
    try {
      writeFileSync(join(alone, "server.js"), execFileSync("unzip", ["-p", vsix, "extension/dist/server.js"], { maxBuffer: 64 * 1024 * 1024 }));
      const server = spawn(process.execPath, [join(alone, "server.js"), "--stdio"], { cwd: alone, stdio: ["pipe", "pipe", "pipe"] });
      const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      connection.listen();
      const init = (await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(alone).href, capabilities: {} })) as {
        capabilities: Record<string, unknown>;
        serverInfo?: { name: string };
      };
      expect(init.serverInfo?.name).toBe("carrot-language-server");
      expect(init.capabilities.hoverProvider).toBe(true);
      await connection.sendRequest("shutdown");
      const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
      await connection.sendNotification("exit");
      expect(await exited).toBe(0);
      connection.dispose();
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it("bundles a client whose only external is vscode", () => {
    const source = readFileSync(resolve(extensionRoot, "dist/extension.js"), "utf8");
    const externals = [...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith("node:"));
    const nonBuiltin = externals.filter((m) => m !== "vscode" && !builtinModules.includes(m));
    expect(nonBuiltin).toEqual([]);
  });
});
