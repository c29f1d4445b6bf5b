// Special files and a disk that moves under linkfarm: a FIFO or a socket at a target or as a
// source, a source that changes between plan and apply (saved plan; hard-link source replaced
// while apply runs).

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";
import { expectCleanFailure, expectNoStack } from "../helpers/hostile.js";
import { posixOnly, tilde } from "../helpers/posix.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });
const TWO = "version: 1\nlinks:\n  - { source: a, target: x }\n  - { source: b, target: y }\n";

function farm(extra: Record<string, string> = {}) {
  return sandbox({ "repo/linkfarm.yaml": TWO, "repo/a": "a\n", "repo/b": "b\n", ...extra });
}

async function listen(p: string): Promise<void> {
  const server = net.createServer();
  await new Promise<void>((ok) => server.listen(p, ok));
  onTestFinished(() => new Promise<void>((ok) => server.close(() => ok())));
}

describe.skipIf(posixOnly("FIFOs made with mkfifo, and Unix domain sockets"))("special files at a target", () => {
  for (const what of ["fifo", "socket"] as const) {
    it(`a ${what} at a target is a conflict naming it; nothing changes; backup keeps it aside`, async () => {
      const sb = farm();
      if (what === "fifo") execFileSync("mkfifo", [sb.p("home/x")]);
      else await listen(sb.p("home/x"));
      const before = sb.snapshot();
      const r = await cli(sb, "apply");
      expectCleanFailure(r, "~/x", what);
      expect(sb.snapshot()).toEqual(before);

      const b = await cli(sb, "apply", "--conflict", "backup");
      expectNoStack(b);
      expect(b.code, b.stdout).toBe(0);
      const kept = fs.lstatSync(sb.p("home/x.linkfarm-bak"));
      expect(what === "fifo" ? kept.isFIFO() : kept.isSocket()).toBe(true);
      expect(sb.readlink("home/x")).toBe(sb.p("repo/a"));
      expect(sb.readlink("home/y")).toBe(sb.p("repo/b"));
    });
  }

  it("a FIFO as the source is an error naming it; nothing changes", async () => {
    const sb = farm();
    fs.unlinkSync(sb.p("repo/a"));
    execFileSync("mkfifo", [sb.p("repo/a")]);
    const before = sb.snapshot();
    expectCleanFailure(await cli(sb, "apply"), sb.p("repo/a"), "not a file or directory");
    expect(sb.snapshot()).toEqual(before);
  });
});

describe("a source that changes between plan and apply", () => {
  it("a saved plan is refused when a source changed since: exit 1, nothing changed", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: a, target: x, type: hardlink }\n  - { source: b, target: y }\n",
      "repo/a": "a\n",
      "repo/b": "b\n",
      "home/x": "a\n",
    });
    expect((await cli(sb, "plan", "--out", "plan.json")).code).toBe(0);
    // An editor saves the source: new inode, same name.
    fs.writeFileSync(sb.p("repo/a.tmp"), "a, edited\n");
    fs.renameSync(sb.p("repo/a.tmp"), sb.p("repo/a"));
    const before = sb.snapshot();
    const r = await cli(sb, "apply", "plan.json");
    expectCleanFailure(r, /stale/, sb.p("repo/a"));
    expect(sb.snapshot()).toEqual(before);
  });

  it("a hard-link source replaced while apply runs: that link is stale, the rest is done, a rerun converges", async () => {
    // The before hook replaces the source by rename (sh, or cmd.exe on Windows).
    const replace = process.platform === "win32" ? "if exist a.next move /y a.next a" : "test ! -e a.next || mv -f a.next a";
    const sb = sandbox({
      "repo/linkfarm.yaml": `version: 1\nhooks:\n  before: ['${replace}']\nlinks:\n  - { source: a, target: x, type: hardlink }\n  - { source: b, target: y }\n`,
      "repo/a": "a\n",
      "repo/a.next": "a, replaced\n",
      "repo/b": "b\n",
    });
    const r = await cli(sb, "apply");
    expectCleanFailure(r, `stale: ${tilde("x")}: source was replaced`);
    expect(sb.exists("home/x")).toBe(false);
    expect(sb.readlink("home/y")).toBe(sb.p("repo/b"));
    expect(sb.read("repo/a")).toBe("a, replaced\n");
    const again = await cli(sb, "apply");
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(sb.ino("home/x")).toBe(sb.ino("repo/a"));
  });
});
