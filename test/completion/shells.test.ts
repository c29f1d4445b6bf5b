// `linkfarm completion bash|zsh|fish`, loaded into the real shells and asked for completions.
// bash is required; zsh and fish are checked when installed and skipped loudly otherwise.

import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runBin, runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";
import { posixOnly } from "../helpers/posix.js";

// The scripts are for POSIX shells: on Windows none is looked for (bash there would be Git's).
const BASH_ONLY = "bash completion is driven through a POSIX bash";
function has(cmd: string): boolean {
  return !posixOnly(`${cmd} completion needs a POSIX ${cmd}`) && spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}
const HAS_ZSH = has("zsh");
const HAS_FISH = has("fish");
const HAS_TMUX = has("tmux");
if (!HAS_ZSH && process.platform !== "win32") console.warn("SKIPPED: zsh is not installed; the zsh completion is not checked (apt-get install zsh)");
if (!HAS_FISH && process.platform !== "win32") console.warn("SKIPPED: fish is not installed; the fish completion is not checked (apt-get install fish)");

// A sandbox with the script for the shell and a few files to complete.
async function setup(shell: string) {
  const sb = sandbox({ "work/plan.json": "{}", "work/other.txt": "", "work/sub/x.json": "{}" });
  const r = await runBin(["completion", shell], { cwd: sb.root, env: sb.env });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  const script = sb.p(`completion.${shell}`);
  fs.writeFileSync(script, r.stdout);
  return { sb, script, cwd: sb.p("work") };
}

// COMPREPLY for each command line; the last word is the one being completed.
function bashComplete(script: string, cwd: string, lines: string[][]): string[][] {
  const calls = lines
    .map((words) => `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; COMPREPLY=(); _linkfarm; echo "$(IFS=,; echo "\${COMPREPLY[*]}")"`)
    .join("\n");
  const out = execFileSync("bash", ["--norc", "--noprofile", "-c", `source '${script}'\n${calls}`], { cwd, encoding: "utf8" });
  return out
    .split("\n")
    .slice(0, lines.length)
    .map((l) => (l === "" ? [] : l.split(",").sort()));
}

describe("linkfarm completion", () => {
  it("refuses an unknown shell with a usage error", async () => {
    const r = await runCli(["completion", "tcsh"], { cwd: "/", env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown shell "tcsh"/);
    expect((await runCli(["completion"], { cwd: "/", env: {} })).code).toBe(1);
  });

  it.skipIf(posixOnly(BASH_ONLY))("bash: completes commands, flags, policies, formats and plan files", async () => {
    const { script, cwd } = await setup("bash");
    const [cmds, pl, planFlags, policies, formats, eqFormat, applyFiles, afterGlobal, shells, importKinds, help] = bashComplete(script, cwd, [
      ["linkfarm", ""],
      ["linkfarm", "pl"],
      ["linkfarm", "plan", "--"],
      ["linkfarm", "apply", "--conflict", ""],
      ["linkfarm", "plan", "--format", ""],
      ["linkfarm", "plan", "--format", "=", "m"],
      ["linkfarm", "apply", ""],
      ["linkfarm", "-c", "x.yaml", "--state", "s.json", "apply", "--dry-run", ""],
      ["linkfarm", "completion", ""],
      ["linkfarm", "import", ""],
      ["linkfarm", "help", "st"],
    ]);
    expect(cmds).toEqual(["apply", "completion", "help", "import", "init", "plan", "schema", "status", "unlink", "validate"]);
    expect(pl).toEqual(["plan"]);
    expect(planFlags).toEqual(expect.arrayContaining(["--json", "--format", "--out", "--detailed-exitcode", "--conflict", "--config"]));
    expect(planFlags).not.toContain("--dry-run");
    expect(policies).toEqual(["adopt", "backup", "fail", "newer", "overwrite"]);
    expect(formats).toEqual(["json", "markdown", "text"]);
    expect(eqFormat).toEqual(["markdown"]);
    expect(applyFiles).toEqual(["plan.json", "sub"]);
    expect(afterGlobal).toEqual(["plan.json", "sub"]);
    expect(shells).toEqual(["bash", "fish", "zsh"]);
    expect(importKinds).toEqual(["dotbot", "stow"]);
    expect(help).toEqual(["status"]);
  });

  it.skipIf(!HAS_FISH)("fish: loads, and completes flags, policies and plan files", async () => {
    const { script, cwd } = await setup("fish");
    execFileSync("fish", ["-n", script]);
    const ask = (line: string) =>
      execFileSync("fish", ["--no-config", "-c", `source '${script}'; complete -C '${line}'`], { cwd, encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\t")[0]!)
        .sort();
    expect(ask("linkfarm ")).toEqual(["apply", "completion", "help", "import", "init", "plan", "schema", "status", "unlink", "validate"]);
    expect(ask("linkfarm apply --conflict ")).toEqual(["adopt", "backup", "fail", "newer", "overwrite"]);
    expect(ask("linkfarm plan --format ")).toEqual(["json", "markdown", "text"]);
    expect(ask("linkfarm apply ")).toEqual(["plan.json", "sub/"]);
    expect(ask("linkfarm status --")).not.toContain("--dry-run");
  });

  it.skipIf(!HAS_ZSH)("zsh: passes zsh -n and registers _linkfarm with compinit", async () => {
    const { sb, script } = await setup("zsh");
    execFileSync("zsh", ["-n", script]);
    const out = execFileSync(
      "zsh",
      ["-f", "-c", `autoload -U compinit; compinit -u -D -d '${sb.p("zcompdump")}'; source '${script}'; print -r -- $_comps[linkfarm]`],
      { encoding: "utf8" },
    );
    expect(out.trim()).toBe("_linkfarm");
  });

  // A real interactive zsh in tmux: type, press Tab, read the screen (polled, no fixed sleeps).
  it.skipIf(!HAS_ZSH || !HAS_TMUX)("zsh: an interactive shell offers the formats after --format", async () => {
    const { sb, script, cwd } = await setup("zsh");
    const zdot = sb.p("zdot");
    fs.mkdirSync(zdot);
    fs.writeFileSync(
      path.join(zdot, ".zshrc"),
      `PS1='%% '\nautoload -U compinit; compinit -u -D -d '${sb.p("zcompdump")}'\nsource '${script}'\nlinkfarm() { :; }\n`,
    );
    const sock = `lf-${path.basename(sb.root)}`;
    const tmux = (...args: string[]) => execFileSync("tmux", ["-L", sock, ...args], { encoding: "utf8" });
    tmux("new-session", "-d", "-x", "160", "-y", "20", "-c", cwd, `env -i HOME='${sb.home}' TERM=xterm ZDOTDIR='${zdot}' PATH='${process.env.PATH}' zsh -i`);
    try {
      const screenHas = async (re: RegExp): Promise<string> => {
        let screen = "";
        for (let i = 0; i < 100; i++) {
          screen = tmux("capture-pane", "-p");
          if (re.test(screen)) return screen;
          await new Promise((r) => setTimeout(r, 100));
        }
        return screen;
      };
      await screenHas(/^%/m);
      tmux("send-keys", "linkfarm plan --format ", "Tab");
      expect(await screenHas(/json\s+markdown\s+text/)).toMatch(/json\s+markdown\s+text/);
    } finally {
      tmux("kill-server");
    }
  });
});

// Entry names come from `linkfarm __complete names`, run by the scripts: a `linkfarm` on PATH
// (the built CLI) and a manifest in the current directory.
describe("completion of entry names", () => {
  async function farm(shell: string) {
    const { sb, script, cwd } = await setup(shell);
    sb.write({
      "work/linkfarm.yaml": "version: 1\nlinks:\n  - { source: vim, target: .vim }\n  - { source: bash/.bashrc, target: .bashrc }\n  - { source: x, target: .x, name: vimish }\n",
      "bin/linkfarm": `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`,
    });
    fs.chmodSync(sb.p("bin/linkfarm"), 0o755);
    const env = { ...sb.env, PATH: `${sb.p("bin")}${path.delimiter}${process.env.PATH}` };
    return { sb, script, cwd, env };
  }

  it("`linkfarm __complete names` lists the manifest's names, one a line", async () => {
    const { cwd, env } = await farm("bash");
    const r = await runBin(["__complete", "names"], { cwd, env });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(".bashrc\nvim\nvimish\n");
  });

  it.skipIf(posixOnly(BASH_ONLY))("bash: plan, apply, status and unlink complete entry names (and paths)", async () => {
    const { script, cwd, env } = await farm("bash");
    const lines = [["linkfarm", "plan", "vi"], ["linkfarm", "apply", "vi"], ["linkfarm", "status", "vim", "."], ["linkfarm", "unlink", "vi"], ["linkfarm", "validate", "vi"]];
    const calls = lines
      .map((w) => `COMP_WORDS=(${w.map((x) => `'${x}'`).join(" ")}); COMP_CWORD=${w.length - 1}; COMPREPLY=(); _linkfarm; echo "$(IFS=,; echo "\${COMPREPLY[*]}")"`)
      .join("\n");
    const out = execFileSync("bash", ["--norc", "--noprofile", "-c", `source '${script}'\n${calls}`], { cwd, env, encoding: "utf8" });
    const [plan, apply, status, unlink, validate] = out.split("\n").map((l) => (l === "" ? [] : l.split(",").sort()));
    expect(plan).toEqual(["vim", "vimish"]);
    expect(apply).toEqual(["vim", "vimish"]);
    expect(status).toContain(".bashrc");
    expect(unlink).toEqual(["vim", "vimish"]);
    expect(validate).toEqual([]);
  });

  it.skipIf(!HAS_FISH)("fish: plan and apply complete entry names", async () => {
    const { script, cwd, env } = await farm("fish");
    const ask = (line: string) =>
      execFileSync("fish", ["--no-config", "-c", `source '${script}'; complete -C '${line}'`], { cwd, env, encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split("\t")[0]!)
        .sort();
    expect(ask("linkfarm plan vi")).toEqual(["vim", "vimish"]);
    expect(ask("linkfarm apply vi")).toEqual(["vim", "vimish"]);
  });
});
