import { describe, expect, it } from "vitest";
import { Progress, renderBar } from "../src/progress.js";
import type { Io } from "../src/io.js";

function io(tty: boolean): Io & { err: string[] } {
  const err: string[] = [];
  return {
    cwd: "/",
    isTTY: tty,
    err,
    stdout: { write: () => true },
    stderr: Object.assign({ write: (t: string) => err.push(t) }, { isTTY: tty }),
  };
}

describe("progress", () => {
  it("draws a bar proportional to the bytes read", () => {
    expect(renderBar(0, 100)).toBe(`[${"░".repeat(30)}] 0% 0.0/0.0 MB`);
    expect(renderBar(50e6, 100e6)).toBe(`[${"█".repeat(15)}${"░".repeat(15)}] 50% 50.0/100.0 MB`);
    expect(renderBar(100e6, 100e6)).toContain("100%");
  });

  it("writes nothing when output is not a terminal", () => {
    const piped = io(false);
    const p = new Progress(piped);
    p.phase("loading data");
    p.bar(10, 20);
    p.done();
    expect(piped.err).toEqual([]);
  });

  it("shows phases and the final bar on a terminal", () => {
    const tty = io(true);
    const p = new Progress(tty);
    p.phase("loading data");
    p.bar(20, 20);
    p.done();
    const text = tty.err.join("");
    expect(text).toContain("loading data");
    expect(text).toContain("100%");
    expect(text).toMatch(/loading data \(\d+ ms\)\n/);
  });
});
