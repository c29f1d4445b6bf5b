// Selectors: `linkfarm plan|apply|status|unlink [NAME|PATH...]` plan and act on part of the
// farm only; prune never reaches outside the selection.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { slashes, storedLinkText, touchHook } from "../helpers/posix.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

const ENTRIES = {
  vim: "  - { source: vim, target: ., tree: true }\n",
  bash: "  - { source: bash, target: ., tree: true }\n",
  nvim: "  - { source: nvim, target: .config/nvim, tree: true }\n",
};
const manifest = (...names: (keyof typeof ENTRIES)[]) =>
  `version: 1\nhooks: { after: ["${touchHook("after-ran")}"] }\nlinks:\n${names.map((n) => ENTRIES[n]).join("")}`;

function farm(): Sandbox {
  return sandbox({
    "repo/linkfarm.yaml": manifest("vim", "bash", "nvim"),
    "repo/vim/.vimrc": "set nu\n",
    "repo/bash/.bashrc": "alias l=ls\n",
    "repo/bash/.config/bash/aliases": "alias g=git\n",
    "repo/nvim/init.lua": "-- init\n",
    "repo/nvim/lua/a.lua": "-- a\n",
  });
}

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

interface JsonPlan {
  actions: { kind: string; target: string; name?: string; type: string }[];
  selection?: { selectors: string[]; selected: number; total: number };
}

async function planJson(sb: Sandbox, ...selectors: string[]): Promise<JsonPlan> {
  const r = await cli(sb, "plan", "--json", ...selectors);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as JsonPlan;
}

// Targets below HOME, written with `/`.
const underHome = (target: string) => slashes(target).split("/home/")[1];
const targets = (p: JsonPlan) => p.actions.map((a) => underHome(a.target)).sort();
const links = (sb: Sandbox) =>
  [".vimrc", ".bashrc", ".config/bash/aliases", ".config/nvim/init.lua", ".config/nvim/lua/a.lua"].filter((t) =>
    sb.exists(`home/${t}`),
  );

describe("selectors", () => {
  it("select by entry name: only that entry's links are planned, applied and reported", async () => {
    const sb = farm();
    const p = await planJson(sb, "vim");
    expect(targets(p)).toEqual([".vimrc"]);
    expect(p.actions[0]).toMatchObject({ kind: "create", name: "vim" });
    expect(p.selection).toEqual({ selectors: ["vim"], selected: 1, total: 5 });
    const r = await cli(sb, "apply", "vim");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Selected 1 of 5 links: vim.");
    expect(links(sb)).toEqual([".vimrc"]);
    // The state records which entry made the link.
    const state = JSON.parse(fs.readFileSync(fs.readdirSync(sb.stateDir).map((f) => path.join(sb.stateDir, f))[0]!, "utf8"));
    expect(Object.values(state.links)).toEqual([expect.objectContaining({ name: "vim" })]);
  });

  it("select by target file (~/...) and by target directory (every desired link below it)", async () => {
    const sb = farm();
    expect(targets(await planJson(sb, "~/.bashrc"))).toEqual([".bashrc"]);
    expect(targets(await planJson(sb, "~/.config/nvim"))).toEqual([".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
    expect(targets(await planJson(sb, `${sb.home}/.config/`))).toEqual([
      ".config/bash/aliases",
      ".config/nvim/init.lua",
      ".config/nvim/lua/a.lua",
    ]);
    // Relative to the current directory, as a shell completes it.
    const fromHome = await runCli(["apply", "-c", sb.p("repo/linkfarm.yaml"), ".config/nvim", ".vimrc"], { cwd: sb.home, env: sb.env });
    expect(fromHome.code).toBe(0);
    expect(links(sb)).toEqual([".vimrc", ".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
  });

  it("entries sharing a name are selected together; map-form and glob entries have default names", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml":
        "version: 1\nlinks:\n  - { source: a/.x, target: .x, name: shell }\n  - { source: b/.y, target: .y, name: shell }\n" +
        "  - { source: fonts/*.ttf, target: .fonts/ }\n  - { source: c/.z, target: .z }\n",
      "repo/a/.x": "x\n",
      "repo/b/.y": "y\n",
      "repo/c/.z": "z\n",
      "repo/fonts/f.ttf": "f\n",
    });
    expect(targets(await planJson(sb, "shell"))).toEqual([".x", ".y"]);
    expect(targets(await planJson(sb, "fonts"))).toEqual([".fonts/f.ttf"]);
    expect(targets(await planJson(sb, ".z"))).toEqual([".z"]);
    sb.write({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  .gitconfig: git/.gitconfig\n  .y: b/.y\n", "repo/git/.gitconfig": "g\n" });
    expect(targets(await planJson(sb, ".gitconfig"))).toEqual([".gitconfig"]);
  });

  it("`name:` is checked by the schema: a string without a path separator", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: a, target: .a, name: a/b }\n", "repo/a": "a\n" });
    const r = await cli(sb, "validate");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/linkfarm\.yaml:3:36: `name` is not valid/);
    sb.write({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: a, target: .a, name: dot-a }\n" });
    expect((await cli(sb, "validate")).code).toBe(0);
    expect(targets(await planJson(sb, "dot-a"))).toEqual([".a"]);
  });

  it("a selection leaves other links alone: not created, not repaired, not reported", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.rmSync(sb.p("home/.bashrc"));
    fs.rmSync(sb.p("home/.config/nvim/init.lua"));
    fs.symlinkSync("/nowhere", sb.p("home/.config/nvim/init.lua"));
    const p = await planJson(sb, "vim");
    expect(p.actions.map((a) => [a.kind, a.target.endsWith(".vimrc")])).toEqual([["ok", true]]);
    const r = await cli(sb, "apply", "vim");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No changes\. 1 link in place\.\nSelected 1 of 5 links: vim\.\n$/);
    expect(sb.exists("home/.bashrc")).toBe(false);
    expect(sb.readlink("home/.config/nvim/init.lua")).toBe(storedLinkText("/nowhere"));
  });

  it("prune stays inside the selection: `apply vim` keeps what bash made; `apply bash` (no longer declared) removes it", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    sb.write({ "repo/linkfarm.yaml": manifest("vim", "nvim") });
    const p = await planJson(sb, "vim");
    expect(p.actions.filter((a) => a.kind === "remove")).toEqual([]);
    expect((await cli(sb, "apply", "vim")).code).toBe(0);
    expect(links(sb)).toEqual([".vimrc", ".bashrc", ".config/bash/aliases", ".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
    expect(sb.exists("home/.config/bash")).toBe(true);

    // Like `stow -D bash`: the name is only in the state now, and it selects bash's links.
    expect((await cli(sb, "__complete", "names")).stdout).toBe("bash\nnvim\nvim\n");
    const d = await planJson(sb, "bash");
    expect(d.actions.map((a) => [a.kind, a.type])).toEqual([
      ["remove", "symlink"],
      ["remove", "symlink"],
      ["remove", "dir"],
    ]);
    expect((await cli(sb, "apply", "bash")).code).toBe(0);
    expect(links(sb)).toEqual([".vimrc", ".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
    expect(sb.exists("home/.config/bash")).toBe(false);
    expect(sb.read("repo/bash/.bashrc")).toBe("alias l=ls\n");
    expect(sb.exists("home/.config/nvim")).toBe(true);
  });

  it("a state file without entry names: a link is in a name's selection when its source lies under that entry's source", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    const file = path.join(sb.stateDir, fs.readdirSync(sb.stateDir).find((f) => f.endsWith(".json"))!);
    const state = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const l of Object.values(state.links) as { name?: string }[]) delete l.name;
    fs.writeFileSync(file, JSON.stringify(state));
    // vim now links somewhere else: its old link is vim's to prune, bash's stay (bash is not declared).
    sb.write({
      "repo/linkfarm.yaml": manifest("nvim").replace("links:\n", "links:\n  - { source: vim, target: .vim, tree: true }\n"),
    });
    const p = await planJson(sb, "vim");
    expect(targets(p)).toEqual([".vim/.vimrc", ".vimrc"]);
    expect(p.actions.find((a) => underHome(a.target) === ".vimrc")).toMatchObject({ kind: "remove" });
  });

  it("unlink with a selector removes only those links", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    const r = await cli(sb, "unlink", "bash");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Selected 2 of 5 links: bash.");
    expect(links(sb)).toEqual([".vimrc", ".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
    expect(sb.exists("home/.config/bash")).toBe(false);
    const st = JSON.parse((await cli(sb, "status", "--json")).stdout);
    expect(st.links).toHaveLength(3);
    expect((await cli(sb, "unlink", "bash")).stdout).toContain("no links in the selection");
  });

  it("status with a selector shows only those links, with the selection", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    const r = await cli(sb, "status", "--json", "~/.config/nvim");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.selection).toEqual({ selectors: ["~/.config/nvim"], selected: 2, total: 5 });
    expect(doc.links.map((l: { target: string }) => underHome(l.target))).toEqual([".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
    expect((await cli(sb, "status", "vim")).stdout).toContain("Selected 1 of 5 links: vim.");
  });

  it("a saved plan records its selection and `apply PLANFILE` applies only that; PLANFILE with selectors is a usage error", async () => {
    const sb = farm();
    expect((await cli(sb, "plan", "--out", "p.json", "nvim")).code).toBe(0);
    const saved = JSON.parse(sb.read("repo/p.json")) as JsonPlan;
    expect(saved.selection).toEqual({ selectors: ["nvim"], selected: 2, total: 5 });
    const bad = await cli(sb, "apply", "p.json", "vim");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("takes no selectors");
    expect(links(sb)).toEqual([]);
    const r = await cli(sb, "apply", "p.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Selected 2 of 5 links: nvim.");
    expect(links(sb)).toEqual([".config/nvim/init.lua", ".config/nvim/lua/a.lua"]);
  });

  it("a first argument ending in .json that is no file is a selector (an entry named settings.json)", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: code/settings.json, target: .config/Code/settings.json }\n  - { source: a, target: .a }\n",
      "repo/code/settings.json": "{}\n",
      "repo/a": "a\n",
    });
    expect((await cli(sb, "apply", "settings.json")).code).toBe(0);
    expect([sb.exists("home/.config/Code/settings.json"), sb.exists("home/.a")]).toEqual([true, false]);
    const missing = await cli(sb, "apply", "plan.json");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nor is it a plan file");
  });

  it("a selector that matches nothing: exit 1, the names that exist and a did-you-mean; nothing changes", async () => {
    const sb = farm();
    for (const cmd of ["plan", "apply", "status", "unlink"]) {
      const r = await cli(sb, cmd, "vmi");
      expect([cmd, r.code]).toEqual([cmd, 1]);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain('Did you mean "vim"?');
      expect(r.stderr).toContain("Entry names: bash, nvim, vim.");
    }
    expect((await cli(sb, "plan", "~/.nothing-here")).code).toBe(1);
    // A path inside a linked file's directory that no desired link is at or below.
    expect((await cli(sb, "plan", "vim", "~/.config/nvim/lua/b.lua")).code).toBe(1);
    expect(links(sb)).toEqual([]);
  });

  it("hooks run when the selected part changed, not when another part did", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.rmSync(sb.p("repo/after-ran"));
    fs.rmSync(sb.p("home/.bashrc"));
    expect((await cli(sb, "apply", "vim")).code).toBe(0);
    expect(sb.exists("repo/after-ran")).toBe(false);
    expect((await cli(sb, "apply", "bash")).code).toBe(0);
    expect(sb.exists("repo/after-ran")).toBe(true);
  });
});
