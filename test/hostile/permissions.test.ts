// Permission denied and read-only file systems. Tests run as root here, and root ignores
// permission bits, so: an immutable directory (chattr +i, refused even to root), the CLI run
// as `nobody` through setpriv for permission bits, and a tmpfs remounted read-only. Each
// mechanism that this machine lacks skips its test with the reason.

import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, type CliResult } from "../helpers/cli.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";
import { expectCleanFailure } from "../helpers/hostile.js";
import { posixOnly } from "../helpers/posix.js";

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const hasSetpriv = isRoot && works("setpriv", ["--version"]);
const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

// The built CLI as an unprivileged user (as `nobody` when we are root), so permission bits apply.
function runUnprivileged(sb: Sandbox, args: string[]): Promise<CliResult> {
  const [cmd, pre] = isRoot
    ? ["setpriv", ["--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", process.execPath]]
    : [process.execPath, []];
  return new Promise((resolve) => {
    execFile(cmd, [...pre, BIN, ...args], { cwd: sb.p("repo"), env: sb.env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

// The sandbox, owned by `nobody` and traversable (mkdtemp makes it 0700 and root's).
function handToNobody(sb: Sandbox): void {
  if (!isRoot) return;
  fs.chmodSync(sb.root, 0o755);
  const walk = (p: string) => {
    fs.lchownSync(p, NOBODY, NOBODY);
    if (fs.lstatSync(p).isDirectory()) for (const n of fs.readdirSync(p)) walk(path.join(p, n));
  };
  walk(sb.root);
}

const TWO = (a: string) => `version: 1\nlinks:\n  - { source: ${a}, target: locked/x }\n  - { source: b, target: fine }\n`;

describe.skipIf(posixOnly("chmod/chattr permission bits"))("permission denied", () => {
  it("an immutable target directory (chattr +i): that link fails naming the path and EPERM; the other is made", async (ctx) => {
    const sb = sandbox({ "repo/linkfarm.yaml": TWO("a"), "repo/a": "a\n", "repo/b": "b\n", "home/locked/keep": "keep\n" });
    if (!works("chattr", ["+i", sb.p("home/locked")])) ctx.skip("chattr +i is not supported here (needs root and ext2/3/4, xfs or btrfs)");
    try {
      const r = await cli(sb, "apply");
      expectCleanFailure(r, "~/locked/x", /EPERM|operation not permitted/i);
      expect(sb.readlink("home/fine")).toBe(sb.p("repo/b"));
      expect(sb.read("home/locked/keep")).toBe("keep\n");
      expect(fs.readdirSync(sb.p("home/locked"))).toEqual(["keep"]);
    } finally {
      execFileSync("chattr", ["-i", sb.p("home/locked")]);
    }
  });

  it.skipIf(isRoot && !hasSetpriv)("a target directory without write permission: EACCES names the path; the other link is made", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": TWO("a"), "repo/a": "a\n", "repo/b": "b\n", "home/locked/keep": "keep\n" });
    handToNobody(sb);
    fs.chmodSync(sb.p("home/locked"), 0o555);
    const r = await runUnprivileged(sb, ["apply"]);
    expectCleanFailure(r, "~/locked/x", /EACCES|permission denied/i);
    expect(sb.readlink("home/fine")).toBe(sb.p("repo/b"));
    // The directory that refused, and linkfarm's names in linkfarm's order (target -> source).
    expect(r.stdout).toContain(`the directory ${sb.p("home/locked")} refused`);
    expect(r.stdout).toContain(`symlink ${sb.p("home/locked/x")} -> ${sb.p("repo/a")}`);
    expect(r.stdout).not.toContain("linkfarm-tmp");
  });

  it.skipIf(isRoot && !hasSetpriv)("a target directory that cannot be searched: a clean error naming it; nothing changed", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": TWO("a"), "repo/a": "a\n", "repo/b": "b\n", "home/locked/keep": "keep\n" });
    handToNobody(sb);
    fs.chmodSync(sb.p("home/locked"), 0o000);
    const r = await runUnprivileged(sb, ["apply"]);
    expectCleanFailure(r, sb.p("home/locked"), /EACCES|permission denied/i);
    expect(sb.exists("home/fine")).toBe(false);
  });

  it.skipIf(isRoot && !hasSetpriv)("an unreadable source directory (tree): a clean error naming it and EACCES; nothing changed", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: secret, target: s, tree: true }\n  - { source: b, target: fine }\n",
      "repo/secret/k": "k\n",
      "repo/b": "b\n",
    });
    handToNobody(sb);
    fs.chmodSync(sb.p("repo/secret"), 0o000);
    const r = await runUnprivileged(sb, ["apply"]);
    expectCleanFailure(r, sb.p("repo/secret"), /EACCES|permission denied/i);
    expect(fs.readdirSync(sb.home)).toEqual([]);
  });
});

describe.skipIf(posixOnly("a tmpfs mounted read-only"))("read-only file system", () => {
  it("a target on a read-only mount: EROFS names the path; the other link is made; nothing lost", async (ctx) => {
    const sb = sandbox({ "repo/linkfarm.yaml": TWO("a"), "repo/a": "a\n", "repo/b": "b\n", "home/locked/.keep": "" });
    const mnt = sb.p("home/locked");
    if (!isRoot || !works("mount", ["-t", "tmpfs", "-o", "size=1m", "none", mnt])) {
      ctx.skip("cannot mount a tmpfs here (needs root and mount permission)");
    }
    try {
      fs.writeFileSync(path.join(mnt, "keep"), "keep\n");
      execFileSync("mount", ["-o", "remount,ro", mnt]);
      const r = await cli(sb, "apply");
      expectCleanFailure(r, "~/locked/x", /EROFS|read-only file system/i);
      expect(sb.readlink("home/fine")).toBe(sb.p("repo/b"));
      expect(sb.read("home/locked/keep")).toBe("keep\n");
    } finally {
      execFileSync("umount", [mnt]);
    }
  });
});
