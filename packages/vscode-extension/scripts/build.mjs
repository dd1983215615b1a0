// Bundles the extension client and the language server (and the CLI when present) into dist/, as CommonJS
// for VS Code's extension host. Workspace packages are bundled from their TypeScript sources through the
// "development" export condition, so no prior `tsc -b` is needed.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const extensionRoot = resolve(here, "..");
const packagesRoot = resolve(extensionRoot, "..");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  conditions: ["development"],
  sourcemap: false,
  minify: false,
  logLevel: "warning",
  // import.meta.url has no meaning in a CommonJS bundle; map it to the bundle's own file URL.
  define: { "import.meta.url": "__carrot_import_meta_url" },
  banner: { js: 'const __carrot_import_meta_url = require("url").pathToFileURL(__filename).href;' },
};

const entries = [
  { in: resolve(extensionRoot, "src/extension.ts"), out: "extension.js", external: ["vscode"] },
  { in: resolve(packagesRoot, "lsp/src/main.ts"), out: "server.js", external: [] },
];

// Diagnostics link to their documentation page; ship it so that the links work offline.
const diagnosticsDoc = resolve(packagesRoot, "..", "docs", "diagnostics.md");
mkdirSync(resolve(extensionRoot, "dist", "docs"), { recursive: true });
if (existsSync(diagnosticsDoc)) copyFileSync(diagnosticsDoc, resolve(extensionRoot, "dist", "docs", "diagnostics.md"));
else console.warn("build: docs/diagnostics.md not found; diagnostics will not link to their documentation");

for (const entry of entries) {
  await build({ ...common, entryPoints: [entry.in], outfile: resolve(extensionRoot, "dist", entry.out), external: entry.external });
  console.log(`build: dist/${entry.out}`);
}

// The CLI, for the Run Tests / Run Plan commands. Its `main(argv, io)` is called by a two-line entry.
// Optional: without it the commands run `carrot` from the PATH (or the `carrot.cli.path` setting).
const cliMain = resolve(packagesRoot, "cli/src/main.ts");
const cliOut = resolve(extensionRoot, "dist", "cli.js");
rmSync(cliOut, { force: true });
if (existsSync(cliMain)) {
  try {
    await build({
      ...common,
      logLevel: "silent",
      stdin: {
        contents: [
          `import { main } from ${JSON.stringify(cliMain)};`,
          "main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stdout.isTTY) })",
          "  .then((code) => { process.exitCode = code; });",
        ].join("\n"),
        resolveDir: extensionRoot,
        loader: "ts",
      },
      outfile: cliOut,
    });
    console.log("build: dist/cli.js");
  } catch (error) {
    console.warn(`build: the CLI could not be bundled (${error instanceof Error ? error.message.split("\n")[0] : error}); the commands will run \`carrot\` from the PATH`);
  }
}
