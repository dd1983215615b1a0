import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** Every `*.carrot` file under the given files and folders, sorted, without duplicates. */
export function collectCarrotFiles(paths: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  const visit = (path: string): void => {
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry === "node_modules" || entry.startsWith(".")) continue;
        visit(join(path, entry));
      }
    } else if (path.endsWith(".carrot")) {
      found.add(path);
    }
  };
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new Error(`no such file or folder: ${p}`);
    if (statSync(abs).isFile() && !abs.endsWith(".carrot")) found.add(abs);
    else visit(abs);
  }
  return [...found].sort();
}

/**
 * The workspace root of a plan: the nearest folder above it holding `.git`, `package.json` or
 * `carrot.workspace`; imports may not leave it.
 */
export function workspaceRoot(file: string): string {
  let dir = dirname(resolve(file));
  for (;;) {
    if (["carrot.workspace", ".git", "package.json"].some((m) => existsSync(join(dir, m)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(resolve(file));
    dir = parent;
  }
}

/** A path as shown to a person: relative to cwd when inside it, with forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const shown = rel && !rel.startsWith("..") ? rel : abs;
  return shown.split(sep).join("/");
}
