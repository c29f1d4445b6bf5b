// The progress line: drawn only for long work, at most every 100 ms, cleared at the end.
// Driven by a fake clock (no timing in tests).

import { describe, expect, it } from "vitest";
import { createProgress, formatBytes, MIN_BYTES, MIN_ITEMS, progressWanted } from "../../src/report/progress.js";

function recorder() {
  let t = 0;
  const out: string[] = [];
  const p = createProgress({ write: (s) => out.push(s), now: () => t, display: (s) => s.replace("/home/u", "~") });
  return { p, out, tick: (ms: number) => (t += ms) };
}

describe("progress line", () => {
  it("draws nothing for short work", () => {
    const { p, out } = recorder();
    for (let i = 0; i < MIN_ITEMS - 1; i++) p.report({ phase: "observe", done: i, total: MIN_ITEMS - 1 });
    p.report({ phase: "compare", path: "/home/u/small", bytes: MIN_BYTES - 1 });
    p.end();
    expect(out).toEqual([]);
  });

  it("redraws at most every 100 ms and clears the line at the end", () => {
    const { p, out, tick } = recorder();
    const total = 5000;
    for (let i = 0; i < total; i++) {
      p.report({ phase: "observe", done: i, total });
      tick(1); // 1 ms per link: 5 s of work → 50 redraws
    }
    expect(out.length).toBe(50);
    expect(out[0]).toBe("\r\x1b[2Klinkfarm: looking at 0/5000 links");
    expect(out[1]).toBe("\r\x1b[2Klinkfarm: looking at 100/5000 links");
    p.end();
    expect(out.at(-1)).toBe("\r\x1b[2K");
    p.end();
    expect(out.length).toBe(51);
  });

  it("draws a large content comparison at once, with its size and a ~/ path", () => {
    const { p, out } = recorder();
    p.report({ phase: "observe", done: 0, total: MIN_ITEMS });
    p.report({ phase: "compare", path: "/home/u/big.iso", bytes: 3 * 1024 ** 3 });
    expect(out[1]).toBe("\r\x1b[2Klinkfarm: comparing 3.0 GiB ~/big.iso");
  });

  it("keeps a long line within the terminal width", () => {
    const { p, out } = recorder();
    p.report({ phase: "compare", path: "/x/" + "d/".repeat(100) + "file", bytes: MIN_BYTES });
    expect(out[0]!.length).toBeLessThanOrEqual("\r\x1b[2K".length + 72);
    expect(out[0]).toMatch(/…\/(d\/)+file$/);
  });

  it("is wanted on a terminal for human output only", () => {
    const base = { stderrIsTTY: true, format: "text", quiet: false, env: {} };
    expect(progressWanted(base)).toBe(true);
    expect(progressWanted({ ...base, format: "markdown" })).toBe(true);
    expect(progressWanted({ ...base, stderrIsTTY: false })).toBe(false);
    expect(progressWanted({ ...base, format: "json" })).toBe(false);
    expect(progressWanted({ ...base, quiet: true })).toBe(false);
    expect(progressWanted({ ...base, env: { TERM: "dumb" } })).toBe(false);
  });

  it("formats byte counts", () => {
    expect(formatBytes(12)).toBe("12 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(16 * 1024 * 1024)).toBe("16.0 MiB");
  });
});
