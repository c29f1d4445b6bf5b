// A run killed between an act and the journal line that records its completion leaves only
// the act's intent. Replay settles it by what is on disk: the directory or backup is owned
// (so unlink removes or restores it), and nothing that is not exactly ours is claimed.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { journalPath, type JournalEntry } from "../../src/state/replay.js";
import { recoverState } from "../../src/apply/recover.js";
import { realFs } from "../../src/platform/fs.js";
import { stateFilePath } from "../../src/state/read.js";
import { emptyState, type State } from "../../src/state/types.js";
import { runBin } from "../helpers/cli.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";
import { stateFile } from "../helpers/apply-plans.js";

function writeJournal(file: string, lines: JournalEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(journalPath(file), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
}

function recovered(sb: Sandbox, lines: JournalEntry[]): State {
  fs.mkdirSync(sb.stateDir, { recursive: true });
  fs.writeFileSync(stateFile(sb), JSON.stringify(emptyState("/m")));
  writeJournal(stateFile(sb), lines);
  expect(recoverState(stateFile(sb), "/m", realFs).recovered).toBe(true);
  return JSON.parse(fs.readFileSync(stateFile(sb), "utf8")) as State;
}

describe("journal intents", () => {
  it("an intended mkdir is owned when its directory exists and is empty, not when it is missing or holds something", () => {
    const sb = sandbox({ "home/full/x": "someone's\n" });
    fs.mkdirSync(sb.p("home/empty"));
    const st = recovered(sb, ["empty", "full", "missing", "done"].map((d): JournalEntry => ({ op: "mkdir", path: sb.p(`home/${d}`) })));
    expect(st.dirs).toEqual([sb.p("home/empty")]);
  });

  it("a chain of intended directories is owned whole when it holds only itself, not when something else is inside", () => {
    const sb = sandbox({ "home/b/c/someone": "theirs\n" });
    fs.mkdirSync(sb.p("home/a/b/c"), { recursive: true });
    fs.mkdirSync(sb.p("home/x/y"), { recursive: true });
    const chain = (ds: string[]) => ds.map((d): JournalEntry => ({ op: "mkdir", path: sb.p(`home/${d}`) }));
    const st = recovered(sb, [
      ...chain(["a", "a/b", "a/b/c", "b", "b/c", "x"]),
      { op: "add-dir", path: sb.p("home/x/y") },
    ]);
    expect([...st.dirs].sort()).toEqual(["home/a", "home/a/b", "home/a/b/c", "home/x", "home/x/y"].map((d) => sb.p(d)));
  });

  it("an intent followed by its own completion or undoing is settled by the journal, not the disk", () => {
    const sb = sandbox();
    fs.mkdirSync(sb.p("home/d"));
    const d = sb.p("home/d");
    const st = recovered(sb, [{ op: "mkdir", path: d }, { op: "add-dir", path: d }, { op: "remove-dir", path: d }]);
    expect(st.dirs).toEqual([]);
  });

  it("an intended backup is owned when its name holds that very inode (or link text), not something else", () => {
    const sb = sandbox({ "home/a": "a\n", "home/b": "b\n", "home/b.linkfarm-bak": "other\n" });
    fs.linkSync(sb.p("home/a"), sb.p("home/a.linkfarm-bak"));
    // An absolute text (on Windows, on the current drive: what readlink gives back).
    const was = path.resolve("/was/here");
    fs.symlinkSync(was, sb.p("home/s.linkfarm-bak"));
    const ino = (p: string) => fs.lstatSync(sb.p(p)).ino;
    const dev = fs.lstatSync(sb.p("home/a")).dev;
    const bak = (t: string) => ({ target: sb.p(`home/${t}`), backup: sb.p(`home/${t}.linkfarm-bak`), at: "t" });
    const st = recovered(sb, [
      { op: "backup", backup: bak("a"), dev, ino: ino("home/a") },
      { op: "backup", backup: bak("b"), dev, ino: ino("home/b") },
      { op: "backup", backup: bak("s"), linkText: was },
      { op: "backup", backup: bak("gone"), linkText: path.resolve("/x") },
    ]);
    expect(st.backups).toEqual([bak("a"), bak("s")]);
  });
});

describe("an apply killed after making a backup but before recording it", () => {
  it("the next apply keeps that one backup, and unlink --restore leaves exactly the starting tree", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: x, target: x }\n",
      "repo/x": "linkfarm's\n",
      "home/x": "the user's\n",
    });
    const before = sb.snapshot();
    // What the killed run left: the backup's intent, then the backup name (a hard link).
    const host = { os: process.platform, hostname: "h", home: sb.home, env: sb.env };
    const file = stateFilePath(sb.p("repo/linkfarm.yaml"), host);
    const st = fs.lstatSync(sb.p("home/x"));
    const backup = { target: sb.p("home/x"), backup: sb.p("home/x.linkfarm-bak"), at: "t" };
    writeJournal(file, [{ op: "backup", backup, dev: st.dev, ino: st.ino }]);
    fs.linkSync(sb.p("home/x"), backup.backup);

    const opts = { cwd: sb.p("repo"), env: sb.env };
    const r = await runBin(["apply", "--conflict", "backup"], opts);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(sb.exists("home/x.linkfarm-bak.1")).toBe(false);
    expect((await runBin(["unlink", "--restore"], opts)).code).toBe(0);
    const after = sb.snapshot();
    for (const k of Object.keys(after)) if (k.startsWith("state")) delete after[k];
    expect(after).toEqual(before);
  });

  it("a restore killed between its link and its unlink is finished by the next unlink --restore", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: x, target: x }\n",
      "repo/x": "linkfarm's\n",
      "home/x": "the user's\n",
    });
    const before = sb.snapshot();
    const opts = { cwd: sb.p("repo"), env: sb.env };
    expect((await runBin(["apply", "--conflict", "backup"], opts)).code).toBe(0);
    expect((await runBin(["unlink"], opts)).code).toBe(0);
    // The killed restore: the backup is linked back into place, its old name not yet removed.
    fs.linkSync(sb.p("home/x.linkfarm-bak"), sb.p("home/x"));
    const r = await runBin(["unlink", "--restore"], opts);
    expect(r.code).toBe(0);
    const after = sb.snapshot();
    for (const k of Object.keys(after)) if (k.startsWith("state")) delete after[k];
    expect(after).toEqual(before);
  });
});
