// Creates made concurrently across directories (apply/lanes.ts), and the journal's set-link lines
// written in groups (apply/journal-writer.ts). The fs below is the real one, counted: its calls
// go to the disk.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { realFs, type FsWrite } from "../../src/platform/fs.js";
import { journalPath } from "../../src/state/replay.js";
import { readState } from "../../src/state/read.js";
import type { State } from "../../src/state/types.js";
import { linkAction, run, stateFile } from "../helpers/apply-plans.js";
import { sandbox, type Sandbox, type Tree } from "../helpers/sandbox.js";

// `dirs` directories of `per` sources each, none linked yet.
function farm(dirs: number, per: number): Sandbox {
  const tree: Tree = {};
  for (let d = 0; d < dirs; d++) for (let i = 0; i < per; i++) tree[`repo/d${d}/f${i}`] = `${d}/${i}\n`;
  return sandbox(tree);
}

function written(sb: Sandbox): State {
  const r = readState(stateFile(sb), sb.p("repo/linkfarm.yaml"), realFs);
  if (!("state" in r)) throw new Error("state file unreadable");
  return r.state;
}

function creates(sb: Sandbox, dirs: number, per: number) {
  const out = [];
  for (let d = 0; d < dirs; d++) {
    for (let i = 0; i < per; i++) {
      out.push(linkAction(sb, { kind: "create", target: `home/d${d}/f${i}`, source: `repo/d${d}/f${i}`, mkdirs: i === 0 ? [`home/d${d}`] : [] }));
    }
  }
  return out;
}

// The real fs, with its async symlink counted (how many at once) and a hook after each one.
function counted(after?: (made: number) => void) {
  const seen = { inFlight: 0, maxInFlight: 0, made: 0, writes: 0 };
  const f: FsWrite = {
    ...realFs,
    writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
      seen.writes++;
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync,
    promises: {
      async symlink(text, at) {
        seen.inFlight++;
        seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
        try {
          await fs.promises.symlink(text, at);
          seen.made++;
          after?.(seen.made);
        } finally {
          seen.inFlight--;
        }
      },
    },
  };
  return { f, seen };
}

describe("creates across directories", () => {
  it("are made several directories at a time, all recorded, outcomes in plan order", async () => {
    const sb = farm(12, 10);
    const actions = creates(sb, 12, 10);
    const { f, seen } = counted();
    const r = await run(sb, actions, { fs: f });
    expect(r.ok).toBe(true);
    expect(seen.maxInFlight).toBeGreaterThan(1);
    expect(r.outcomes.map((o) => o.action)).toEqual(actions);
    expect(r.outcomes.every((o) => o.status === "done")).toBe(true);
    for (const a of actions) expect(fs.readlinkSync(a.target)).toBe(a.source);
    const state = written(sb);
    expect(Object.keys(state.links).sort()).toEqual(actions.map((a) => a.target).sort());
    expect(state.dirs).toHaveLength(12);
    expect(fs.existsSync(journalPath(stateFile(sb)))).toBe(false);
  });

  it("journal their set-link lines in groups, not one write per link", async () => {
    const sb = farm(3, 200);
    const { f, seen } = counted();
    const r = await run(sb, creates(sb, 3, 200), { fs: f });
    expect(r.ok).toBe(true);
    // 3 directories: an intent and a completion each; 600 set-link lines in a few groups.
    expect(seen.writes).toBeLessThan(20);
  });

  it("something that appeared at one target makes only that one stale, and keeps it", async () => {
    const sb = farm(4, 5);
    const actions = creates(sb, 4, 5);
    fs.mkdirSync(sb.p("home/d2"));
    fs.writeFileSync(sb.p("home/d2/f3"), "the user's\n");
    const r = await run(sb, actions);
    const bad = r.outcomes.filter((o) => o.status !== "done");
    expect(bad.map((o) => [o.action.target, o.status])).toEqual([[sb.p("home/d2/f3"), "stale"]]);
    expect(fs.readFileSync(sb.p("home/d2/f3"), "utf8")).toBe("the user's\n");
  });

  it("interrupted: links under way finish and are recorded, the rest are not begun, the next apply converges", async () => {
    const sb = farm(10, 20);
    const actions = creates(sb, 10, 20);
    const stop = new AbortController();
    const { f } = counted((made) => {
      if (made === 30) stop.abort();
    });
    const r = await run(sb, actions, { fs: f, signal: stop.signal });
    expect(r.interrupted).toBe(true);
    const state = written(sb);
    for (const o of r.outcomes) {
      const there = fs.existsSync(o.action.target);
      expect(o.status === "done").toBe(there);
      expect(state.links[o.action.target] !== undefined).toBe(there);
      if (!there) expect(o.detail).toMatch(/not reached/);
    }
    const made = r.outcomes.filter((o) => o.status === "done").length;
    expect(made).toBeGreaterThanOrEqual(30);
    expect(made).toBeLessThan(200);

    const again = await run(sb, creates(sb, 10, 20).filter((a) => a.observed.kind === "missing"), { state });
    expect(again.ok).toBe(true);
    for (const a of actions) expect(fs.readlinkSync(a.target)).toBe(a.source);
  });
});
