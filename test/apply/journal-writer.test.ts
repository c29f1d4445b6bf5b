// The journal writer (apply/journal-writer.ts): lines appended at once, and set-link lines held
// back a little and written in groups, always in order.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { realFs } from "../../src/platform/fs.js";
import { openJournal } from "../../src/apply/journal-writer.js";
import { journalPath, readJournal, type JournalEntry } from "../../src/state/replay.js";
import { stateFile } from "../helpers/apply-plans.js";
import { sandbox } from "../helpers/sandbox.js";

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
