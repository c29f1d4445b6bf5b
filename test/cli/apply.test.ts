import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { appendHook, failingHook, tilde, touchHook } from "../helpers/posix.js";
import { contentHashes, sandbox, type Sandbox } from "../helpers/sandbox.js";

function manifest(body: string): string {
  return `version: 1\n${body}`;
}

const LINKS = `links:
  - source: bash/.bashrc
    target: .bashrc
  - source: bin
    target: .local/bin
    tree: true
    type: hardlink
`;

function farm(extra: Record<string, string> = {}, yaml = LINKS, head = "") {
  return sandbox({
    "repo/linkfarm.yaml": manifest(head + yaml),
    "repo/bash/.bashrc": "export A=1\n",
    "repo/bin/tool": "#!/bin/sh\necho tool\n",
    "repo/bin/sub/other": "other\n",
    ...extra,
  });
}

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

function expectBytesKept(before: Set<string>, sb: Sandbox): void {
  const after = contentHashes(sb.snapshot());
  for (const h of before) expect(after.has(h)).toBe(true);
}

describe("linkfarm apply", () => {
  it("makes the disk match; running it again prints `No changes. N links in place.` and changes nothing", async () => {
    const sb = farm();
    const first = await cli(sb, "apply");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Applied: 3 created, 0 repaired, 0 replaced, 0 removed, 0 unchanged; created 3 directories.");
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
    expect(sb.ino("home/.local/bin/sub/other")).toBe(sb.ino("repo/bin/sub/other"));
    const snap = sb.snapshot();
    const second = await cli(sb, "apply");
    expect(second).toMatchObject({ code: 0, stdout: "No changes. 3 links in place.\n" });
    expect(sb.snapshot()).toEqual(snap);
  });

  it("changes nothing and exits 1 when the plan has a conflict, naming the flag that resolves it", async () => {
    const sb = farm({ "home/.bashrc": "my own bashrc\n" });
    const before = sb.snapshot();
    const r = await cli(sb, "apply");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(tilde(".bashrc"));
    expect(r.stdout).toContain("--conflict backup");
    expect(sb.snapshot()).toEqual(before);
  });

  it("--conflict backup overrides the manifest: the file in the way is kept byte for byte", async () => {
    const sb = farm({ "home/.bashrc": "my own bashrc\n" });
    const before = contentHashes(sb.snapshot());
    const r = await cli(sb, "apply", "--conflict", "backup");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`backed up to ${tilde(".bashrc.linkfarm-bak")}`);
    expect(sb.read("home/.bashrc.linkfarm-bak")).toBe("my own bashrc\n");
    expectBytesKept(before, sb);
  });

  it("--conflict adopt moves the existing content into the source", async () => {
    const sb = farm({ "home/.bashrc": "my own bashrc\n" });
    const r = await cli(sb, "apply", "--conflict", "adopt");
    expect(r.code).toBe(0);
    expect(sb.read("repo/bash/.bashrc")).toBe("my own bashrc\n");
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
  });

  it("--dry-run prints the plan exactly like `plan` and makes no lock, journal or state", async () => {
    const sb = farm();
    const before = sb.snapshot();
    const plan = await cli(sb, "plan");
    const dry = await cli(sb, "apply", "--dry-run");
    expect(dry).toEqual(plan);
    expect(sb.snapshot()).toEqual(before);
    expect(fs.existsSync(sb.stateDir)).toBe(false);
  });

  it("prunes links it made that the manifest no longer declares, and the directories it created", async () => {
    const sb = farm();
    await cli(sb, "apply");
    sb.write({ "repo/linkfarm.yaml": manifest("links:\n  - source: bash/.bashrc\n    target: .bashrc\n") });
    const r = await cli(sb, "apply");
    expect(r.code).toBe(0);
    // Links and directories are counted apart (issue 13: "5551 removed" counted directories).
    expect(r.stdout).toContain("2 removed, 1 unchanged; removed 3 directories.");
    expect(sb.exists("home/.local")).toBe(false);
    expect(sb.read("repo/bin/tool")).toContain("tool");
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
  });

  it("--json prints the plan document with an outcome per action", async () => {
    const sb = farm();
    const r = await cli(sb, "apply", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ formatVersion: 1, ok: true, changed: true, applied: { created: 3 } });
    expect(doc.outcomes).toHaveLength(3);
    expect(doc.outcomes.every((o: { status: string }) => o.status === "done")).toBe(true);
  });

  it("waits for the state lock, then fails naming the lock file and the pid holding it", async () => {
    const sb = farm();
    await cli(sb, "apply");
    const lock = fs.readdirSync(sb.stateDir).find((n) => n.endsWith(".json"))!;
    const lockFile = path.join(sb.stateDir, lock + ".lock");
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, at: "now" }));
    sb.write({ "repo/bash/.new": "n" });
    const r = await cli(sb, "apply", "--lock-timeout", "0.2");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(lockFile);
    expect(r.stderr).toContain(String(process.pid));
    expect(fs.existsSync(lockFile)).toBe(true);
  });

  it("a failing before hook fails the run with its exit code and output, and no action runs", async () => {
    const fail = failingHook("hook says no", 7);
    const sb = farm({}, LINKS, `hooks:\n  before: ["${fail}"]\n  after: ["${touchHook("after-ran")}"]\n`);
    const r = await cli(sb, "apply");
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain("exit code 7");
    expect(out).toContain(fail);
    expect(out).toContain("hook says no");
    expect(sb.exists("home/.bashrc")).toBe(false);
    expect(sb.exists("repo/after-ran")).toBe(false);
  });

  it("runs hooks in the manifest's directory only when something changed", async () => {
    const sb = farm({}, LINKS, `hooks:\n  after:\n    - ${appendHook("after-count", "x")}\n`);
    await cli(sb, "apply");
    await cli(sb, "apply");
    expect(sb.read("repo/after-count")).toBe("x\n");
  });
});

describe("linkfarm apply PLANFILE", () => {
  it("executes exactly the saved plan", async () => {
    const sb = farm();
    expect((await cli(sb, "plan", "--out", "plan.json")).code).toBe(0);
    const r = await cli(sb, "apply", "plan.json");
    expect(r.code).toBe(0);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
  });

  it("refuses all of a saved plan when the manifest changed since, changing nothing", async () => {
    const sb = farm();
    await cli(sb, "plan", "--out", "plan.json");
    fs.appendFileSync(sb.p("repo/linkfarm.yaml"), "# edited\n");
    const before = sb.snapshot();
    const r = await cli(sb, "apply", "plan.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("saved plan is stale");
    expect(sb.snapshot()).toEqual(before);
  });

  it("refuses all of a saved plan when any target changed since, changing nothing", async () => {
    const sb = farm();
    await cli(sb, "plan", "--out", "plan.json");
    sb.write({ "home/.local/bin/tool": "someone else's\n" });
    const before = sb.snapshot();
    const r = await cli(sb, "apply", "plan.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("saved plan is stale");
    expect(r.stderr).toContain(sb.p("home/.local/bin"));
    expect(sb.snapshot()).toEqual(before);
  });

  // A symlink's correctness depends only on its text (#16 Decided): its listed source carries no
  // device or inode, so a saved plan asks only that it is still there; a hard link's keeps them.
  it("a saved plan records no source inode for a symlink over nothing, and still applies when the source was rewritten by rename", async () => {
    const sb = farm();
    await cli(sb, "plan", "--out", "plan.json");
    const doc = JSON.parse(fs.readFileSync(sb.p("repo/plan.json"), "utf8"));
    const by = (t: string) => doc.actions.find((a: { target: string }) => a.target === sb.p(t)).sourceObserved;
    expect(by("home/.bashrc")).toEqual({ kind: "file", realpath: sb.p("repo/bash/.bashrc") });
    expect(by("home/.local/bin/tool")).toMatchObject({ kind: "file", ino: expect.any(Number) });
    fs.writeFileSync(sb.p("repo/bash/.bashrc.new"), "export A=2\n");
    fs.renameSync(sb.p("repo/bash/.bashrc.new"), sb.p("repo/bash/.bashrc"));
    const r = await cli(sb, "apply", "plan.json");
    expect(r.code).toBe(0);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
  });

  it("refuses a saved plan whose symlink source is gone since, or whose hard-link source was replaced", async () => {
    for (const change of ["repo/bash/.bashrc", "repo/bin/tool"]) {
      const sb = farm();
      await cli(sb, "plan", "--out", "plan.json");
      if (change.endsWith(".bashrc")) fs.unlinkSync(sb.p(change));
      else {
        fs.writeFileSync(sb.p(`${change}.new`), "#!/bin/sh\necho tool\n");
        fs.renameSync(sb.p(`${change}.new`), sb.p(change));
      }
      const before = sb.snapshot();
      const r = await cli(sb, "apply", "plan.json");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("saved plan is stale");
      expect(r.stderr).toContain(sb.p(change));
      expect(sb.snapshot()).toEqual(before);
    }
  });
});
