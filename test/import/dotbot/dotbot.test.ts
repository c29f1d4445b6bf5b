// `linkfarm import dotbot`: dotbot is not installable here (Python, not in Debian), so its
// documented semantics (README sections named in each test) are encoded as expected results:
// the manifest's entries, and the links `linkfarm apply` then makes on a real disk.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RawLink, RawManifest } from "../../../src/manifest/types.js";
import { REPO_ROOT, runCli } from "../../helpers/cli.js";
import { storedLinkText } from "../../helpers/posix.js";
import { sandbox, type Tree } from "../../helpers/sandbox.js";

const FIX = path.join(REPO_ROOT, "test/fixtures/import/dotbot");
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), "utf8");

// A dotfiles repository at <sandbox>/home/dotfiles holding `conf` and `files`.
function repo(conf: string, files: Tree = {}, name = "install.conf.yaml") {
  const tree: Tree = { [`home/dotfiles/${name}`]: conf };
  for (const [k, v] of Object.entries(files)) tree[`home/dotfiles/${k}`] = v;
  const sb = sandbox(tree);
  return { sb, dir: sb.p("home/dotfiles") };
}

async function importTo(conf: string, files: Tree = {}, name = "install.conf.yaml") {
  const r = repo(conf, files, name);
  const res = await runCli(["import", "dotbot", name], { cwd: r.dir, env: r.sb.env });
  const manifest = res.code === 0 || res.stdout ? (parse(res.stdout) as RawManifest) : undefined;
  return { ...r, res, manifest, links: (manifest?.links ?? []) as RawLink[] };
}

const byTarget = (links: RawLink[]) => Object.fromEntries(links.map((l) => [l.target, l]));

describe("import dotbot: README examples", () => {
  it("Full Example: '' links the base directory itself, relink adds nothing, clean → prune, shell → after hook", async () => {
    const { res, manifest, links } = await importTo(fixture("full-example.conf.yaml"));
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.startsWith("# yaml-language-server: $schema=")).toBe(true);
    expect(manifest).toMatchObject({ version: 1, source: ".", target: "~", prune: true });
    expect(manifest?.hooks).toEqual({ after: ["git submodule update --init --recursive"] });
    expect(byTarget(links)).toEqual({
      "~/.dotfiles": { source: ".", target: "~/.dotfiles" },
      "~/.tmux.conf": { source: "tmux.conf", target: "~/.tmux.conf" },
      "~/.vim": { source: "vim", target: "~/.vim" },
      "~/.vimrc": { source: "vimrc", target: "~/.vimrc" },
    });
    // dotbot's defaults: no parent directories (create: false), fail on anything in the way.
    expect(manifest?.defaults).toEqual({ type: "symlink", relative: false, mkdirs: false, conflict: "fail" });
    expect(res.stderr).toMatch(/shell: commands became apply hooks/);
  });

  it("Full Example: the JSON form imports to the same manifest as the YAML form", async () => {
    const y = await importTo(fixture("full-example.conf.yaml"));
    const j = await importTo(fixture("full-example.conf.json"), {}, "install.conf.json");
    expect(j.res.code).toBe(0);
    expect(j.manifest?.links).toEqual(y.manifest?.links);
    expect(j.manifest?.hooks).toEqual(y.manifest?.hooks);
    expect(j.manifest?.prune).toBe(true);
  });

  it("Link › Format: an omitted source is the destination's basename without its leading dot", async () => {
    const { res, links } = await importTo(fixture("implicit-targets.conf.yaml"), {
      "config/Code/User/settings.json": "{}\n",
    });
    expect(res.code, res.stderr).toBe(0);
    const t = byTarget(links);
    expect(t["~/bin/ack"]?.source).toBe("ack");
    expect(t["~/.vim"]?.source).toBe("vim");
    expect(t["~/.vimrc"]?.source).toBe("vimrc");
    expect(t["~/.zshrc"]).toMatchObject({ source: "zshrc", conflict: "backup" });
    // glob into a directory; exclude → ignore; create → mkdirs
    expect(t["~/.config/"]).toMatchObject({ source: "config/*" });
    expect(t["~/.config/Code/User/"]).toMatchObject({ source: "config/Code/User/*", mkdirs: true });
  });

  it("Link › Example: create, force, if (uname → when.os), ** (→ tree) and prefix (→ today's matches)", async () => {
    const { res, manifest, links } = await importTo(fixture("link-example.conf.yaml"), {
      "dotconf/config/kitty/kitty.conf": "k\n",
      "dotconf/config/git/config": "g\n",
      "dotconf/bashrc": "b\n",
      "dotconf/inputrc": "i\n",
    });
    expect(res.code, res.stderr).toBe(0);
    const t = byTarget(links);
    expect(t["~/.config/terminator"]).toMatchObject({ source: "config/terminator", mkdirs: true });
    expect(t["~/.zshrc"]).toMatchObject({ source: "zshrc", conflict: "backup" });
    expect(t["~/.hammerspoon"]).toMatchObject({ source: "hammerspoon", when: { os: ["darwin"] } });
    expect(links.find((l) => l.tree)).toMatchObject({ source: "dotconf/config", target: "~/.config" });
    expect(manifest?.ignore).toContain("dotconf/config/**/.*");
    // prefix '.': each match of dotconf/* becomes ~/.<name>, listed now (with a warning)
    expect(t["~/.bashrc"]).toMatchObject({ source: "dotconf/bashrc" });
    expect(t["~/.inputrc"]).toMatchObject({ source: "dotconf/inputrc" });
    expect(t["~/.config/"]).toBeUndefined();
    expect(res.stderr).toMatch(/expanded to today's/);
  });
});

describe("import dotbot: link options (README › Link › Format table)", () => {
  const conf = `- defaults:
    link:
      create: true
      relative: true
- link:
    ~/.a: a
    ~/.b:
      path: b
      type: hardlink
      relative: false
    ~/.c:
      path: c
      ignore-missing: true
    ~/.d:
      path: d
      if: 'command -v nvim'
    ~/.local/share/fonts/:
      glob: true
      path: fonts/*.ttf
`;
  const files: Tree = { a: "a\n", b: "b\n", d: "d\n", "fonts/x.ttf": "x", "fonts/y.ttf": "y", "fonts/.hidden.ttf": "h" };

  it("each option becomes its linkfarm counterpart, and the output validates", async () => {
    const { sb, dir, res, manifest, links } = await importTo(conf, files);
    expect(res.code, res.stderr).toBe(0);
    expect(manifest?.defaults).toMatchObject({ relative: true, mkdirs: true });
    const t = byTarget(links);
    expect(t["~/.a"]).toEqual({ source: "a", target: "~/.a" });
    expect(t["~/.b"]).toMatchObject({ type: "hardlink", relative: false });
    expect(t["~/.c"]).toMatchObject({ optional: true });
    expect(t["~/.d"]?.when).toBeUndefined();
    expect(res.stdout).toContain("# dotbot if: command -v nvim");
    expect(res.stderr).toMatch(/ignore-missing/);
    expect(res.stderr).toMatch(/if: command -v nvim is a shell test/);

    fs.writeFileSync(path.join(dir, "linkfarm.yaml"), res.stdout);
    const v = await runCli(["validate"], { cwd: dir, env: sb.env });
    expect(v.code, v.stderr).toBe(0);
  });

  it("apply makes what dotbot makes: relative texts as os.path.relpath, hard links, no link for a missing ignore-missing source, hidden files skipped by *", async () => {
    const { sb, dir, res } = await importTo(conf, files);
    fs.writeFileSync(path.join(dir, "linkfarm.yaml"), res.stdout);
    const a = await runCli(["apply"], { cwd: dir, env: sb.env });
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(sb.readlink("home/.a")).toBe(storedLinkText("dotfiles/a"));
    expect(sb.ino("home/.b")).toBe(sb.ino("home/dotfiles/b"));
    expect(sb.exists("home/.c")).toBe(false);
    expect(sb.readlink("home/.local/share/fonts/x.ttf")).toBe(storedLinkText("../../../dotfiles/fonts/x.ttf"));
    expect(sb.exists("home/.local/share/fonts/.hidden.ttf")).toBe(false);
  });
});

describe("import dotbot: what cannot be carried, and the exit code", () => {
  it("create and plugin directives are dropped: listed on stderr with line:col, exit 1, manifest still printed", async () => {
    const { res, links } = await importTo(`- create:
    - ~/downloads
- brew: [git]
- link:
    ~/.vimrc: vimrc
`);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/install\.conf\.yaml:1:3: dropped: create:/);
    expect(res.stderr).toMatch(/install\.conf\.yaml:3:3: dropped: brew:/);
    expect(links).toHaveLength(1);
  });

  it("a configuration with nothing to import exits 1 and prints no manifest", async () => {
    const { res } = await importTo("- create: [~/x]\n");
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
  });

  it("a missing configuration file exits 1", async () => {
    const sb = sandbox({});
    const res = await runCli(["import", "dotbot"], { cwd: sb.home, env: sb.env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/install\.conf\.yaml/);
  });

  it("-o writes the file and refuses to overwrite an existing one", async () => {
    const r = repo(fixture("full-example.conf.yaml"));
    const first = await runCli(["import", "dotbot", "-o", "linkfarm.yaml"], { cwd: r.dir, env: r.sb.env });
    expect(first.code, first.stderr).toBe(0);
    const written = r.sb.read("home/dotfiles/linkfarm.yaml");
    const v = await runCli(["validate"], { cwd: r.dir, env: r.sb.env });
    expect(v.code, v.stderr).toBe(0);
    const second = await runCli(["import", "dotbot", "-o", "linkfarm.yaml"], { cwd: r.dir, env: r.sb.env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    expect(r.sb.read("home/dotfiles/linkfarm.yaml")).toBe(written);
  });

  it("-o says how many links it wrote, singular for one (not '1 links')", async () => {
    const r = repo("- link:\n    ~/.vimrc: vimrc\n", { vimrc: "set nu\n" });
    const res = await runCli(["import", "dotbot", "-o", "linkfarm.yaml"], { cwd: r.dir, env: r.sb.env });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("(1 link).");
  });

  it("stow-only flags and an unknown source are usage errors", async () => {
    const sb = sandbox({});
    expect((await runCli(["import", "dotbot", "--fold"], { cwd: sb.home, env: sb.env })).code).toBe(1);
    expect((await runCli(["import", "chezmoi"], { cwd: sb.home, env: sb.env })).code).toBe(1);
    expect((await runCli(["import"], { cwd: sb.home, env: sb.env })).code).toBe(1);
  });
});
