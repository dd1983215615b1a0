/**
 * In-process harness: a Project over documents opened in a temporary workspace folder, with the
 * markers of each document parsed (see markers.ts). Features are called directly, no transport.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Position, Range } from "vscode-languageserver";
import { DocumentStore, uriToPath } from "../src/workspace/documents.js";
import { Project } from "../src/workspace/project.js";
import { LineIndex } from "../src/text/lineIndex.js";
import { parseMarkers, type Marked } from "./markers.js";

export interface TestDoc extends Marked {
  uri: string;
  lines: LineIndex;
  /** The position of the i-th cursor marker. */
  cursor(i?: number): Position;
  /** The LSP range of the i-th range marker. */
  range(i: number): Range;
}

export interface Workspace {
  root: string;
  project: Project;
  doc(name: string): TestDoc;
  dispose(): void;
}

/**
 * `open` files are opened in the editor (their markers stripped); `disk` files are only written to
 * the folder, as the files of a workspace that the editor has not opened.
 */
export function workspace(open: Record<string, string>, disk: Record<string, string> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), "carrot-lsp-"));
  const store = new DocumentStore(uriToPath(pathToFileURL(root).href));
  const project = new Project(store);
  project.diagnosticsDocsUrl = "https://docs.example/diagnostics.md";
  const docs = new Map<string, TestDoc>();
  for (const [name, source] of Object.entries(disk)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), source);
  }
  for (const [name, source] of Object.entries(open)) {
    const marked = parseMarkers(source);
    const uri = pathToFileURL(join(root, name)).href;
    store.openDocument(uri, marked.text, 1);
    const lines = new LineIndex(marked.text);
    docs.set(name, {
      ...marked,
      uri,
      lines,
      cursor: (i = 0) => {
        if (marked.cursors[i] === undefined) throw new Error(`${name} has no cursor marker #${i}`);
        return lines.positionAt(marked.cursors[i]);
      },
      range: (i) => lines.rangeOf(marked.ranges[i]),
    });
  }
  return {
    root,
    project,
    doc(name) {
      const doc = docs.get(name);
      if (!doc) throw new Error(`no open document ${name}`);
      return doc;
    },
    dispose() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A plan header, people table and dimensions that most tests build on. */
export const PLAN_PRELUDE = `plan "P" {
  version   "1"
  currency  EUR
  effective 2026-01-01 .. 2026-12-31
  period    quarter
}

/// Therapeutic areas.
dimension Category { Cardio, Oncology }

dimension Level { Rep, Senior }

people reps {
  id    person key
  level Level
}

input sales {
  id       text key
  date     date
  rep      person
  category Category
  amount   money
  units    count
}

credit direct {
  from sales
  to   sales.rep
}
`;
