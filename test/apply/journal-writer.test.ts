// The journal writer (apply/journal-writer.ts): lines appended at once, and set-link lines held
// back a little and written in groups, always in order; and how few writes an apply makes of
// them (the fs there is the real one, its writes counted).

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { realFs, type FsWrite } from "../../src/platform/fs.js";
import { openJournal } from "../../src/apply/journal-writer.js";
import { journalPath, readJournal, type JournalEntry } from "../../src/state/replay.js";
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

function creates(sb: Sandbox, dirs: number, per: number) {
  const out = [];
  for (let d = 0; d < dirs; d++) {
    for (let i = 0; i < per; i++) {
      out.push(linkAction(sb, { kind: "create", target: `home/d${d}/f${i}`, source: `repo/d${d}/f${i}`, mkdirs: i === 0 ? [`home/d${d}`] : [] }));
    }
  }
  return out;
}

function written(sb: Sandbox): State {
  const r = readState(stateFile(sb), sb.p("repo/linkfarm.yaml"), realFs);
  if (!("state" in r)) throw new Error("state file unreadable");
  return r.state;
}

// The real fs, its writeSync calls counted.
function counted() {
  const seen = { writes: 0 };
  const f: FsWrite = {
    ...realFs,
    writeSync: ((...args: Parameters<typeof fs.writeSync>) => {
      seen.writes++;
      return (fs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof fs.writeSync,
  };
  return { f, seen };
}

describe("an apply's journal", () => {
  it("gets its set-link lines in groups, not one write per link", async () => {
    const sb = farm(3, 200);
    const actions = creates(sb, 3, 200);
    const { f, seen } = counted();
    const r = await run(sb, actions, { fs: f });
    expect(r.ok).toBe(true);
    // The intents of the 3 directories, their completions, 600 set-link lines in a few groups.
    expect(seen.writes).toBeLessThan(10);
    expect(Object.keys(written(sb).links)).toHaveLength(600);
    expect(fs.existsSync(journalPath(stateFile(sb)))).toBe(false);
  });

  it("gets the intents of many actions' directories in one write, their completions in another", async () => {
    const sb = farm(40, 1);
    const { f, seen } = counted();
    const r = await run(sb, creates(sb, 40, 1), { fs: f });
    expect(r.ok).toBe(true);
    expect(r.dirsCreated).toBe(40);
    // Intents, completions, the set-link lines, the state file (two writes per directory before).
    expect(seen.writes).toBe(4);
    expect(written(sb).dirs).toHaveLength(40);
  });

  it("gets the completions of a chain of new directories in one write", async () => {
    const sb = farm(1, 1);
    const deep = ["home/a", "home/a/b", "home/a/b/c", "home/a/b/c/d", "home/a/b/c/d/e"];
    const a = linkAction(sb, { kind: "create", target: "home/a/b/c/d/e/f0", source: "repo/d0/f0", mkdirs: deep });
    const { f, seen } = counted();
    const r = await run(sb, [a], { fs: f });
    expect(r.ok).toBe(true);
    // The intents, the completions, the set-link line, the state file (one write per directory before).
    expect(seen.writes).toBe(4);
    expect([...written(sb).dirs].sort()).toEqual(deep.map((d) => sb.p(d)));
  });
});

describe("journal writer", () => {
  const link = { type: "symlink" as const, source: "/r/a", linkText: "/r/a" };
  const set = (i: number): JournalEntry => ({ op: "set-link", target: `/h/${i}`, link });

  it("holds appendLater lines until the next append, keeping the order, and writes them on close", () => {
    const sb = sandbox();
    const file = stateFile(sb);
    fs.mkdirSync(sb.stateDir, { recursive: true });
    const j = openJournal(file, realFs);
    j.appendLater([set(1), set(2)]);
    expect(readJournal(file, realFs)).toEqual([]);
    j.append([{ op: "mkdir", path: "/h/d" }]);
    expect(readJournal(file, realFs)).toEqual([set(1), set(2), { op: "mkdir", path: "/h/d" }]);
    j.appendLater([set(3)]);
    j.close();
    expect(readJournal(file, realFs).at(-1)).toEqual(set(3));
  });

  it("writes a group of held lines once it is large, before any other line", () => {
    const sb = sandbox();
    const file = stateFile(sb);
    fs.mkdirSync(sb.stateDir, { recursive: true });
    const j = openJournal(file, realFs);
    for (let i = 0; i < 300; i++) j.appendLater([set(i)]);
    expect(readJournal(file, realFs).length).toBeGreaterThan(0);
    j.finish();
    expect(fs.existsSync(journalPath(file))).toBe(false);
  });
});
