// Where an imported manifest's paths point: printed to stdout they are written for the natural
// place to save it (the stow directory, the dotbot configuration's directory), with -o FILE for
// FILE's directory; dotbot's shell commands run in dotbot's base directory wherever the manifest
// is; and a HOME reached through a symlinked directory is still written as `~`.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RawManifest } from "../../src/manifest/types.js";
import { runCli } from "../helpers/cli.js";
import { lines, pwdHook, storedLinkText } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

const STOW_TREE = {
  "home/dotfiles/bash/.bashrc": "b\n",
  "home/dotfiles/vim/.vimrc": "v\n",
  "elsewhere/.keep": "",
};

describe("import stow: where the manifest's paths point", () => {
  it("printed from another directory, the manifest saved in the stow directory finds its sources", async () => {
    const sb = sandbox(STOW_TREE);
    const imp = await runCli(["import", "stow", "-d", sb.p("home/dotfiles"), "bash", "vim"], { cwd: sb.p("elsewhere"), env: sb.env });
    expect(imp.code, imp.stderr).toBe(0);
    expect((parse(imp.stdout) as RawManifest).source).toBe(".");
    expect(imp.stdout).toMatch(/relative to the stow directory: save this file there/);
    fs.writeFileSync(sb.p("home/dotfiles/lf.yaml"), imp.stdout);

    const plan = await runCli(["plan", "--json", "-c", sb.p("home/dotfiles/lf.yaml")], { cwd: sb.p("elsewhere"), env: sb.env });
    expect(plan.code, plan.stderr).toBe(0);
    const summary = (JSON.parse(plan.stdout) as { summary: Record<string, number> }).summary;
    expect(summary).toMatchObject({ create: 2, error: 0, conflict: 0 });
    const applied = await runCli(["apply", "-c", sb.p("home/dotfiles/lf.yaml")], { cwd: sb.p("elsewhere"), env: sb.env });
    expect(applied.code, applied.stderr).toBe(0);
    expect(sb.readlink("home/.bashrc")).toBe(storedLinkText("dotfiles/bash/.bashrc"));
  });

  it("with -o FILE the paths are relative to FILE's directory", async () => {
    const sb = sandbox(STOW_TREE);
    const imp = await runCli(["import", "stow", "-d", sb.p("home/dotfiles"), "-o", sb.p("elsewhere/lf.yaml"), "bash"], {
      cwd: sb.root,
      env: sb.env,
    });
    expect(imp.code, imp.stderr).toBe(0);
    const m = parse(sb.read("elsewhere/lf.yaml")) as RawManifest;
    expect(m.source).toBe("../home/dotfiles");
    const plan = await runCli(["plan", "--json", "-c", sb.p("elsewhere/lf.yaml")], { cwd: sb.root, env: sb.env });
    expect(plan.code, plan.stderr).toBe(0);
    expect((JSON.parse(plan.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ create: 1, error: 0 });
  });

  it("HOME reached through a symlinked directory (/home -> /var/home) is written as ~", async () => {
    const sb = sandbox({ "var/home/me/dotfiles/bash/.bashrc": "b\n", home2: { symlink: "var/home" } });
    const home = sb.p("home2/me");
    const env = { ...sb.env, HOME: home };
    const imp = await runCli(["import", "stow", "bash"], { cwd: `${home}/dotfiles`, env });
    expect(imp.code, imp.stderr).toBe(0);
    const m = parse(imp.stdout) as RawManifest;
    expect(m.target).toBe("~");
    // explicit -t through the symlink, and a sub-directory of HOME
    fs.mkdirSync(sb.p("var/home/me/.config"));
    const sub = await runCli(["import", "stow", "-t", `${home}/.config`, "bash"], { cwd: `${home}/dotfiles`, env });
    expect((parse(sub.stdout) as RawManifest).target).toBe("~/.config");
  });
});

describe("import dotbot: where paths point and where shell commands run", () => {
  // dotbot's shell commands run in the platform's shell (sh, or cmd.exe on Windows).
  const HOOK = pwdHook(">", "where-it-ran");
  const CONF = `- link:\n    ~/.vimrc: vimrc\n- shell:\n  - ${HOOK}\n`;

  it("printed from another directory: paths are for the configuration's directory, hooks run there", async () => {
    const sb = sandbox({ "home/dotfiles/install.conf.yaml": CONF, "home/dotfiles/vimrc": "v\n", "elsewhere/.keep": "" });
    const imp = await runCli(["import", "dotbot", sb.p("home/dotfiles/install.conf.yaml")], { cwd: sb.p("elsewhere"), env: sb.env });
    expect(imp.code, imp.stderr).toBe(0);
    const m = parse(imp.stdout) as RawManifest;
    expect(m.source).toBe(".");
    expect(m.hooks?.after).toEqual([HOOK]);
    fs.writeFileSync(sb.p("home/dotfiles/linkfarm.yaml"), imp.stdout);
    const applied = await runCli(["apply", "-c", sb.p("home/dotfiles/linkfarm.yaml")], { cwd: sb.p("elsewhere"), env: sb.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(lines(sb.read("home/where-it-ran"))).toEqual([sb.p("home/dotfiles")]);
  });

  it("with -o elsewhere, a shell command becomes { run, cwd } and runs in dotbot's base directory", async () => {
    const sb = sandbox({ "home/dotfiles/install.conf.yaml": CONF, "home/dotfiles/vimrc": "v\n", "home/lf/.keep": "" });
    const imp = await runCli(["import", "dotbot", "install.conf.yaml", "-o", sb.p("home/lf/linkfarm.yaml")], {
      cwd: sb.p("home/dotfiles"),
      env: sb.env,
    });
    expect(imp.code, imp.stderr).toBe(0);
    const m = parse(sb.read("home/lf/linkfarm.yaml")) as RawManifest;
    expect(m.source).toBe("../dotfiles");
    expect(m.hooks?.after).toEqual([{ run: HOOK, cwd: "../dotfiles" }]);
    const applied = await runCli(["apply", "-c", sb.p("home/lf/linkfarm.yaml")], { cwd: sb.root, env: sb.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(lines(sb.read("home/where-it-ran"))).toEqual([sb.p("home/dotfiles")]);
    expect(sb.readlink("home/.vimrc")).toBe(sb.p("home/dotfiles/vimrc"));
  });
});

describe("hooks: { run, cwd }", () => {
  it("cwd is relative to the manifest's directory and expands ~; a plain command runs in the manifest's directory", async () => {
    const hook = pwdHook(">>", "log");
    const sb = sandbox({
      "home/repo/linkfarm.yaml": `version: 1\nhooks:\n  after:\n    - { run: '${hook}', cwd: sub }\n    - { run: '${hook}', cwd: ~/other }\n    - '${hook}'\nlinks:\n  - { source: f, target: .f }\n`,
      "home/repo/f": "f\n",
      "home/repo/sub/.keep": "",
      "home/other/.keep": "",
    });
    const applied = await runCli(["apply"], { cwd: sb.p("home/repo"), env: sb.env });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(lines(sb.read("home/log"))).toEqual([sb.p("home/repo/sub"), sb.p("home/other"), sb.p("home/repo")]);
  });

  it("a hook map without run, or with an unknown key, is a schema error with its line", async () => {
    const sb = sandbox({ "home/repo/linkfarm.yaml": "version: 1\nhooks:\n  before:\n    - { cwd: sub }\n    - { run: x, dir: y }\n" });
    const v = await runCli(["validate"], { cwd: sb.p("home/repo"), env: sb.env });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/linkfarm\.yaml:4:/);
    expect(v.stderr).toMatch(/linkfarm\.yaml:5:/);
  });
});
