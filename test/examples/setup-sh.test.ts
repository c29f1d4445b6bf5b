// examples/setup.sh in a sandbox HOME: the first run clones the dotfiles and links them; the
// second run changes nothing (same tree, same state file, "nothing to do").

import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO_ROOT } from "../helpers/cli.js";
import { sandbox, type Snapshot } from "../helpers/sandbox.js";
import { posixOnly } from "../helpers/posix.js";

const SCRIPT = path.join(REPO_ROOT, "examples/setup.sh");

// Snapshot keys use `/` on every platform.
function withoutGit(s: Snapshot): Snapshot {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !k.split("/").includes(".git")));
}

describe.skipIf(posixOnly("examples/setup.sh is a POSIX sh script"))("examples/setup.sh", () => {
  it("bootstraps a machine, and a second run changes nothing", async () => {
    const sb = sandbox({
      "origin/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bashrc, target: .bashrc }\n  - { source: nvim, target: .config/nvim }\n",
      "origin/bashrc": "A=1\n",
      "origin/nvim/init.lua": "-- hi\n",
    });
    const gitEnv = { ...sb.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e", GIT_CONFIG_NOSYSTEM: "1" };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: sb.p("origin"), env: gitEnv, stdio: "pipe" });
    git("init", "--quiet", "--initial-branch=main");
    git("add", "-A");
    git("commit", "--quiet", "-m", "dotfiles");

    const env = { ...gitEnv, DOTFILES_REPO: sb.p("origin"), LINKFARM: `${process.execPath} ${BIN}` };
    const run = () =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile("bash", [SCRIPT], { cwd: sb.home, env }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
        );
      });

    const first = await run();
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("setup: links applied");
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("home/dotfiles/bashrc"));
    expect(sb.readlink("home/.config/nvim")).toBe(sb.p("home/dotfiles/nvim"));
    const before = withoutGit(sb.snapshot());
    const stateFiles = fs.readdirSync(sb.stateDir);
    const stateMtimes = stateFiles.map((f) => fs.statSync(path.join(sb.stateDir, f)).mtimeMs);

    const second = await run();
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(second.stdout).toContain("setup: dotfiles up to date");
    expect(second.stdout).toContain("setup: links already in place; nothing to do");
    expect(withoutGit(sb.snapshot())).toEqual(before);
    expect(fs.readdirSync(sb.stateDir)).toEqual(stateFiles);
    expect(stateFiles.map((f) => fs.statSync(path.join(sb.stateDir, f)).mtimeMs)).toEqual(stateMtimes);
  });

  it("stops with exit 1 and changes nothing when a file is in the way (CONFLICT=fail)", async () => {
    const sb = sandbox({
      "home/dotfiles/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bashrc, target: .bashrc }\n",
      "home/dotfiles/bashrc": "A=1\n",
      "home/.bashrc": "mine\n",
    });
    const before = sb.snapshot();
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile("bash", [SCRIPT], { cwd: sb.home, env: { ...sb.env, LINKFARM: `${process.execPath} ${BIN}` } }, (err, _o, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stderr }),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nothing was changed");
    expect(sb.snapshot()).toEqual(before);
  });
});
