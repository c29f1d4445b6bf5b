// One test per kind (README.md → Plan kinds) and reason (src/plan/reasons.ts), on real sandboxes (observe + plan).

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, observeAndPlan, type EntrySpec } from "../helpers/manifest.js";
import { native, posixOnly, storedLinkText } from "../helpers/posix.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";
import { emptyState, type StateLink } from "../../src/state/types.js";

function farm(tree: Tree) {
  const sb = sandbox(tree);
  const manifest = (links: EntrySpec[]) => buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links });
  const state = (links: Record<string, StateLink>) => ({ ...emptyState(sb.p("repo/linkfarm.yaml")), links });
  return { sb, manifest, state };
}

describe("symlinks", () => {
  it("creates a link where nothing is at the target, with the missing parents", () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    const r = observeAndPlan(manifest([{ source: "a", target: ".config/x/a" }]));
    expect(r.link(sb.p("home/.config/x/a"))).toMatchObject({
      kind: "create",
      reasonCode: "missing",
      // The directories are said once, in the summary, not on every line that needs them.
      reason: "nothing at target",
      linkText: sb.p("repo/a"),
      mkdirs: [sb.p("home/.config"), sb.p("home/.config/x")],
    });
    expect(r.plan.summary).toMatchObject({ create: 1, ok: 0 });
  });

  it("a symlink whose stored text equals the desired text is ok", () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    fs.symlinkSync(sb.p("repo/a"), sb.p("home/a"));
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "ok", reasonCode: "in-place" });
  });

  it("a foreign dangling symlink is a conflict whose reason shows its text (it is information)", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { symlink: "/mnt/nas-not-mounted/me/gitconfig" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({
      kind: "conflict",
      reasonCode: "foreign-dangling-symlink",
      fixes: ["backup", "overwrite"],
    });
    expect(r.link(sb.p("home/a")).reason).toContain(storedLinkText("/mnt/nas-not-mounted/me/gitconfig"));
  });

  it("a dangling symlink into the source root is ours: repaired", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/gone" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "dangling" });
  });

  it("a dangling symlink state recorded with this text is ours: repaired", () => {
    const old = path.resolve("/old/place/a"); // absolute on this platform
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: old } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: old, linkText: old } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]), { state: st });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "dangling" });
  });

  it("a relative text that resolves from the link's directory to the desired path is ok (Stow's layout)", () => {
    // stow dir ~/.local/src/dotfiles, stow -t ~: linkfarm, as Stow, writes ../../.local/src/dotfiles/...;
    // the shortest text (what linkfarm wrote before) means the same.
    const { sb } = farm({
      "home/.local/src/dotfiles/fun/.local/bin/x": "X",
      "home/.local/bin/x": { symlink: "../src/dotfiles/fun/.local/bin/x" },
    });
    const m = buildManifest({
      dir: sb.p("home/.local/src/dotfiles"),
      targetRoot: sb.home,
      links: [{ source: "fun", target: ".", tree: true, relative: true }],
    });
    const r = observeAndPlan(m);
    expect(r.link(sb.p("home/.local/bin/x"))).toMatchObject({
      kind: "ok",
      reasonCode: "in-place",
      linkText: native("../../.local/src/dotfiles/fun/.local/bin/x"),
    });
    expect(r.plan.summary.repair).toBe(0);
  });

  it("an absolute text where a relative one is wanted (and the reverse) still repairs", () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    fs.symlinkSync(sb.p("repo/a"), sb.p("home/rel"));
    fs.symlinkSync("../repo/a", sb.p("home/abs"));
    const r = observeAndPlan(
      manifest([
        { source: "a", target: "rel", relative: true },
        { source: "a", target: "abs" },
      ]),
    );
    expect(r.link(sb.p("home/rel"))).toMatchObject({ kind: "repair", reasonCode: "wrong-target", linkText: native("../repo/a") });
    expect(r.link(sb.p("home/abs"))).toMatchObject({ kind: "repair", reasonCode: "wrong-target", linkText: sb.p("repo/a") });
  });

  it("a symlink into the source root pointing elsewhere is ours: wrong target, repaired", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "repo/b": "B", "home/a": { symlink: "../repo/b" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "wrong-target" });
  });

  it("a symlink state recorded with this text is ours even when it points outside the source root", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "elsewhere/z": "Z", "home/a": { symlink: "../elsewhere/z" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("elsewhere/z"), linkText: "../elsewhere/z" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]), { state: st });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "wrong-target" });
  });

  it("a foreign symlink (not recorded, not into the source root) is a conflict", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "elsewhere/z": "Z", "home/a": { symlink: "../elsewhere/z" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "foreign-symlink" });
  });

  it("a symlink where a hard link is wanted is repaired", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "symlink-to-hardlink" });
  });

  it("relative: true stores the path from the link's real parent, through a symlinked parent", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "data/cfg/.keep": "", "home/.config": { symlink: "../data/cfg" } });
    const r = observeAndPlan(manifest([{ source: "a", target: ".config/sub/a", relative: true }]));
    const a = r.link(sb.p("home/.config/sub/a"));
    expect(a).toMatchObject({ kind: "create", linkText: native("../../../repo/a"), mkdirs: [sb.p("home/.config/sub")] });
  });

  it("a relative link already in place is ok", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", relative: true }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "ok", linkText: native("../repo/a") });
  });
});

describe("hard links", () => {
  it("a hard link with the source's device and inode is ok", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { hardlink: "repo/a" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "ok", reasonCode: "in-place" });
    expect(r.link(sb.p("home/a")).linkText).toBeUndefined();
  });

  it("a hard link where a symlink is wanted is repaired", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { hardlink: "repo/a" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "hardlink-to-symlink" });
  });

  function editorSaved(content: string) {
    const f = farm({ "repo/a": "same\n", "home/a": { hardlink: "repo/a" } });
    const { sb } = f;
    const st = fs.statSync(sb.p("repo/a"));
    const recorded = f.state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: st.dev, ino: st.ino } });
    fs.writeFileSync(sb.p("home/a.tmp"), content);
    fs.renameSync(sb.p("home/a.tmp"), sb.p("home/a"));
    return { ...f, recorded };
  }

  it("a hard link an editor replaced by rename, content still equal, is repaired", () => {
    const { sb, manifest, recorded } = editorSaved("same\n");
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]), { state: recorded });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "editor-replaced-same-content" });
  });

  it("a hard link an editor replaced with other content has diverged: conflict", () => {
    const { sb, manifest, recorded } = editorSaved("edited\n");
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]), { state: recorded });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "diverged" });
  });

  function sourceReplaced(content: string) {
    const f = farm({ "repo/a": "same\n", "home/a": { hardlink: "repo/a" } });
    const { sb } = f;
    const st = fs.statSync(sb.p("repo/a"));
    const recorded = f.state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: st.dev, ino: st.ino } });
    fs.writeFileSync(sb.p("repo/a.tmp"), content);
    fs.renameSync(sb.p("repo/a.tmp"), sb.p("repo/a"));
    return { ...f, recorded };
  }

  it("a source replaced in the repo with equal content is repaired", () => {
    const { sb, manifest, recorded } = sourceReplaced("same\n");
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]), { state: recorded });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "source-replaced-same-content" });
  });

  it("a source replaced in the repo with other content has diverged: conflict", () => {
    const { sb, manifest, recorded } = sourceReplaced("new upstream\n");
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink" }]), { state: recorded });
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "source-replaced-diverged" });
  });
});

describe("things in the way", () => {
  it("an identical regular file is repaired", () => {
    const { sb, manifest } = farm({ "repo/a": "x".repeat(200_000), "home/a": "x".repeat(200_000) });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "repair", reasonCode: "identical-file" });
  });

  it("a regular file with other content (same size) is a conflict", () => {
    const { sb, manifest } = farm({ "repo/a": "x".repeat(100_000) + "1", "home/a": "x".repeat(100_000) + "2" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "different-content" });
  });

  it("an empty directory in the way is a conflict", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": { dir: true } });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "directory" });
  });

  it("a non-empty directory in the way is a conflict", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a/keep": "K" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "conflict", reasonCode: "nonempty-directory" });
  });

  it.skipIf(posixOnly("a FIFO made with mkfifo"))("a FIFO in the way is a conflict", async () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [sb.p("home/a")]);
    const r = observeAndPlan(manifest([{ source: "a", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({
      kind: "conflict",
      reasonCode: "special-file",
      observed: { kind: "other", what: "fifo" },
    });
  });
});
