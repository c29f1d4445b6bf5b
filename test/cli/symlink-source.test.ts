// A source that is itself a symlink is linked as the symlink, dangling or not, as GNU Stow does:
// the made link's text is the package's symlink path, a symlinked directory in a tree is one
// leaf, and only a hard link to a symlink source is an error (with its own reason).

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { storedLinkText } from "../helpers/posix.js";
import { sandbox, type Sandbox, type Tree } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

interface JsonAction {
  kind: string;
  reasonCode: string;
  target: string;
  linkText?: string;
  sourceObserved?: { kind: string; to?: string };
}
async function planJson(sb: Sandbox): Promise<JsonAction[]> {
  const r = await cli(sb, "plan", "--json");
  return (JSON.parse(r.stdout) as { actions: JsonAction[] }).actions;
}
const byTarget = (sb: Sandbox, actions: JsonAction[]) =>
  Object.fromEntries(actions.map((a) => [a.target.slice(sb.home.length + 1), a]));

// A Stow package with a dangling symlink (bat -> /usr/bin/batcat on a machine without it), a
// symlink that resolves to a file, a symlink to a directory, and an ordinary file.
function stowFarm(manifest: string, extra: Tree = {}): Sandbox {
  return sandbox({
    "repo/linkfarm.yaml": manifest,
    "repo/bin/.local/bin/bat": { symlink: "/nonexistent-linkfarm-test/batcat" },
    "repo/bin/.local/bin/hello": "#!/bin/sh\necho hello\n",
    "repo/bin/.local/bin/hi": { symlink: "hello" },
    "repo/bin/.vim": { symlink: "../shared/vim" },
    "repo/shared/vim/vimrc": "set nu\n",
    ...extra,
  });
}
const TREE = "version: 1\nlinks:\n  - { source: bin, target: ., tree: true }\n";

describe("a source that is a symlink", () => {
  it("in a tree: a dangling one, a resolving one and a symlinked directory are each one create; apply links them to the package's symlinks", async () => {
    const sb = stowFarm(TREE);
    const actions = await planJson(sb);
    const a = byTarget(sb, actions);
    expect(Object.keys(a).sort()).toEqual([".local/bin/bat", ".local/bin/hello", ".local/bin/hi", ".vim"]);
    for (const x of actions) expect(x).toMatchObject({ kind: "create", reasonCode: "missing" });
    expect(a[".local/bin/bat"]!.sourceObserved).toMatchObject({ kind: "symlink", to: "missing" });
    expect(a[".local/bin/hi"]!.sourceObserved).toMatchObject({ kind: "symlink", to: "file" });
    expect(a[".vim"]!.sourceObserved).toMatchObject({ kind: "symlink", to: "dir" });

    const r = await cli(sb, "apply");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(sb.readlink("home/.local/bin/bat")).toBe(sb.p("repo/bin/.local/bin/bat"));
    expect(sb.readlink("home/.local/bin/hi")).toBe(sb.p("repo/bin/.local/bin/hi"));
    expect(sb.readlink("home/.local/bin/hello")).toBe(sb.p("repo/bin/.local/bin/hello"));
    // The directory symlink is one link, never descended: no real ~/.vim directory was made.
    expect(sb.readlink("home/.vim")).toBe(sb.p("repo/bin/.vim"));
    expect(sb.read("home/.vim/vimrc")).toBe("set nu\n");
    // The package's own symlinks are untouched.
    expect(sb.readlink("repo/bin/.local/bin/bat")).toBe(storedLinkText("/nonexistent-linkfarm-test/batcat"));

    const again = await cli(sb, "apply");
    expect(again.stdout).toMatch(/^No changes\. 4 links in place\./);
  });

  it("a dangling symlink named as a plain entry (optional or not) is a create, not source-missing", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml":
        "version: 1\nlinks:\n  - { source: bat, target: .local/bin/bat }\n  - { source: opt, target: .opt, optional: true }\n",
      "repo/bat": { symlink: "/nonexistent-linkfarm-test/batcat" },
      "repo/opt": { symlink: "nowhere" },
    });
    const a = byTarget(sb, await planJson(sb));
    expect(a[".local/bin/bat"]).toMatchObject({ kind: "create", linkText: sb.p("repo/bat") });
    expect(a[".opt"]).toMatchObject({ kind: "create", linkText: sb.p("repo/opt") });
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.readlink("home/.local/bin/bat")).toBe(sb.p("repo/bat"));
    expect(sb.readlink("home/.opt")).toBe(sb.p("repo/opt"));
  });

  it("relative: true stores the path to the package's symlink, relative to the link", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bat, target: .local/bin/bat, relative: true }\n",
      "repo/bat": { symlink: "/nonexistent-linkfarm-test/batcat" },
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.readlink("home/.local/bin/bat")).toBe(storedLinkText("../../../repo/bat"));
  });

  it("\"source missing\" is said only when nothing is there", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: gone, target: .gone }\n" });
    expect(await planJson(sb)).toMatchObject([{ kind: "error", reasonCode: "source-missing" }]);
  });

  it("a hardlink entry whose source is a symlink is an error of its own; the package's other links are still planned", async () => {
    const sb = stowFarm("version: 1\nlinks:\n  - { source: bin, target: ., tree: true, type: hardlink }\n", {
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bin, target: ., tree: true, type: hardlink }\n",
    });
    const a = byTarget(sb, await planJson(sb));
    for (const t of [".local/bin/bat", ".local/bin/hi", ".vim"])
      expect(a[t], t).toMatchObject({ kind: "error", reasonCode: "hardlink-to-symlink-source" });
    expect(a[".local/bin/hello"]).toMatchObject({ kind: "create", reasonCode: "missing" });
    const before = sb.snapshot();
    const r = await cli(sb, "apply");
    expect(r.code).toBe(1);
    expect(sb.snapshot()).toEqual(before);
  });

  it("a junction over a symlink source: to a directory is made, to a file or dangling is junction-to-file", async () => {
    const sb = stowFarm(
      "version: 1\nlinks:\n  - { source: bin/.vim, target: .vim, type: junction }\n" +
        "  - { source: bin/.local/bin/hi, target: hi, type: junction }\n" +
        "  - { source: bin/.local/bin/bat, target: bat, type: junction }\n",
    );
    const a = byTarget(sb, await planJson(sb));
    expect(a[".vim"]).toMatchObject({ kind: "create" });
    expect(a["hi"]).toMatchObject({ kind: "error", reasonCode: "junction-to-file" });
    expect(a["bat"]).toMatchObject({ kind: "error", reasonCode: "junction-to-file" });
  });

  it("a symlink source that points at its own target is target-is-source, not a loop made by backup", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\ndefaults: { conflict: backup }\nlinks:\n  - { source: gitconfig, target: .gitconfig }\n",
      "repo/gitconfig": { symlink: "../home/.gitconfig" },
      "home/.gitconfig": "[user]\n",
    });
    expect(await planJson(sb)).toMatchObject([{ kind: "error", reasonCode: "target-is-source" }]);
  });

  it("a regular file at the target with the content the symlink source leads to is a repair", async () => {
    const sb = stowFarm(TREE, { "home/.local/bin/hi": "#!/bin/sh\necho hello\n" });
    const a = byTarget(sb, await planJson(sb));
    expect(a[".local/bin/hi"]).toMatchObject({ kind: "repair", reasonCode: "identical-file" });
  });

  it("a saved plan with symlink sources applies; one whose source symlink changed since is refused", async () => {
    const sb = stowFarm(TREE);
    expect((await cli(sb, "plan", "--out", "plan.json")).code).toBe(0);
    expect((await cli(sb, "apply", "plan.json")).code).toBe(0);
    expect(sb.readlink("home/.local/bin/bat")).toBe(sb.p("repo/bin/.local/bin/bat"));

    const sb2 = stowFarm(TREE);
    await cli(sb2, "plan", "--out", "plan.json");
    fs.unlinkSync(sb2.p("repo/bin/.local/bin/bat"));
    fs.symlinkSync("/usr/bin/elsewhere", sb2.p("repo/bin/.local/bin/bat"));
    const before = sb2.snapshot();
    const r = await cli(sb2, "apply", "plan.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("saved plan is stale");
    expect(sb2.snapshot()).toEqual(before);
  });

  it("status shows a link to a dangling source symlink as dangling, naming the source", async () => {
    const sb = stowFarm(TREE);
    expect((await cli(sb, "apply")).code).toBe(0);
    const r = await cli(sb, "status", "--json");
    const links = (JSON.parse(r.stdout) as { links: { target: string; health: string; detail?: string }[] }).links;
    const bat = links.find((l) => l.target === sb.p("home/.local/bin/bat"));
    expect(bat).toMatchObject({ health: "dangling" });
    expect(bat?.detail).toContain(sb.p("repo/bin/.local/bin/bat"));
    expect(links.find((l) => l.target === sb.p("home/.vim"))).toMatchObject({ health: "ok" });
  });
});
