/** File-system edges of the workspace: the default reader and plan discovery. */
import * as fs from "node:fs";
import * as path from "node:path";

export function readFileOrUndefined(absPath: string): string | undefined {
  try {
    return fs.readFileSync(absPath, "utf8");
  } catch {
    return undefined;
  }
}

/** Every `*.carrot` file under `dir`, recursively, as absolute paths sorted by their relative path. */
export function collectPlanFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".carrot")) out.push(p);
    }
  };
  walk(path.resolve(dir));
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
