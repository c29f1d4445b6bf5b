// Links that cannot be made are errors, predicted before anything changes.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { buildManifest, observeAndPlan, type EntrySpec } from "../helpers/manifest.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";

function farm(tree: Tree) {
  const sb = sandbox(tree);
  const manifest = (links: EntrySpec[]) => buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links });
  return { sb, manifest };
}

describe("errors", () => {
  it("a missing source is an error naming the source", () => {
    const { sb, manifest } = farm({});
    const r = observeAndPlan(manifest([{ source: "gone", target: "a" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "error", reasonCode: "source-missing" });
    expect(r.link(sb.p("home/a")).reason).toBe(`source missing: ${sb.p("repo/gone")}`);
  });

  it("an optional entry with a missing source is skipped, not an error", () => {
    const { manifest } = farm({});
    const r = observeAndPlan(manifest([{ source: "gone", target: "a", optional: true }]));
    expect(r.plan.actions).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it.skipIf(posixOnly("a FIFO made with mkfifo"))("a source that is a FIFO is an error", () => {
    const { sb, manifest } = farm({ "repo/.keep": "" });
    execFileSync("mkfifo", [sb.p("repo/pipe")]);
    const r = observeAndPlan(manifest([{ source: "pipe", target: "pipe" }]));
    expect(r.link(sb.p("home/pipe"))).toMatchObject({ kind: "error", reasonCode: "source-not-file-or-dir" });
  });

  it("a hard link to a directory is an error", () => {
    const { sb, manifest } = farm({ "repo/dir/x": "X" });
    const r = observeAndPlan(manifest([{ source: "dir", target: "dir", type: "hardlink" }]));
    expect(r.link(sb.p("home/dir"))).toMatchObject({ kind: "error", reasonCode: "hardlink-to-dir" });
  });

  it("a junction to a file is an error", () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "junction" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "error", reasonCode: "junction-to-file" });
  });

  it("a parent that is a file is an error", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/.config": "I am a file" });
    const r = observeAndPlan(manifest([{ source: "a", target: ".config/sub/a" }]));
    expect(r.link(sb.p("home/.config/sub/a"))).toMatchObject({ kind: "error", reasonCode: "parent-not-directory" });
    expect(r.link(sb.p("home/.config/sub/a")).reason).toBe(`parent is a file: ${sb.p("home/.config")}`);
  });

  it("a parent that is a dangling symlink says so", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/gone": { symlink: "nowhere" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "gone/a" }]));
    expect(r.link(sb.p("home/gone/a"))).toMatchObject({
      kind: "error",
      reasonCode: "parent-not-directory",
      reason: `parent is a dangling symlink: ${sb.p("home/gone")}`,
    });
  });

  it.skipIf(posixOnly("ELOOP through a looping parent (a Windows file symlink is no directory to go through)"))("a parent that is a symlink loop says so", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/loop": { symlink: "loop2" }, "home/loop2": { symlink: "loop" } });
    const r = observeAndPlan(manifest([{ source: "a", target: "loop/a" }]));
    expect(r.link(sb.p("home/loop/a"))).toMatchObject({
      kind: "error",
      reasonCode: "parent-not-directory",
      reason: `parent is a symlink loop (ELOOP): ${sb.p("home/loop")}`,
    });
  });

  it("a missing parent with mkdirs: false is an error", () => {
    const { sb, manifest } = farm({ "repo/a": "A" });
    const r = observeAndPlan(manifest([{ source: "a", target: ".config/a", mkdirs: false }]));
    expect(r.link(sb.p("home/.config/a"))).toMatchObject({ kind: "error", reasonCode: "parent-missing" });
    expect(r.link(sb.p("home/.config/a")).reason).toContain(sb.p("home/.config"));
  });

  it("a target that resolves onto its own source through a symlinked parent is an error", () => {
    const { sb, manifest } = farm({ "repo/nvim/init.lua": "x", "home/.config/nvim": { symlink: "../../repo/nvim" } });
    const r = observeAndPlan(manifest([{ source: "nvim", target: ".config/nvim/", tree: true }]));
    // target .config/nvim/ with a trailing "/" puts the tree *into* it: .config/nvim/nvim/...
    expect(r.plan.actions.map((a) => a.reasonCode)).toEqual(["into-source-tree"]);
    const r2 = observeAndPlan(manifest([{ source: "nvim", target: ".config/nvim", tree: true }]));
    expect(r2.link(sb.p("home/.config/nvim/init.lua"))).toMatchObject({
      kind: "error",
      reasonCode: "target-is-source",
    });
  });

  it("a target that lands inside the source tree through a symlinked parent is an error", () => {
    const { sb, manifest } = farm({
      "repo/nvim/init.lua": "x",
      "repo/other.lua": "y",
      "home/.config/nvim": { symlink: "../../repo/nvim" },
    });
    const r = observeAndPlan(manifest([{ source: "other.lua", target: ".config/nvim/other.lua" }]));
    const a = r.link(sb.p("home/.config/nvim/other.lua"));
    expect(a).toMatchObject({ kind: "error", reasonCode: "into-source-tree" });
    expect(a.reason).toContain(sb.p("repo/nvim/other.lua"));
  });

  it("a hard link across devices is an error predicted from device numbers", (ctx) => {
    const shm = "/dev/shm";
    if (!fs.existsSync(shm) || fs.statSync(shm).dev === fs.statSync(os.tmpdir()).dev) {
      ctx.skip(`/dev/shm and ${os.tmpdir()} are on the same device (or /dev/shm is missing): cannot test cross-device`);
      return;
    }
    const { sb, manifest } = farm({});
    const dir = fs.mkdtempSync(path.join(shm, "linkfarm-test-"));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, "big"), "data");
    const r = observeAndPlan(manifest([{ source: path.join(dir, "big"), target: "big", type: "hardlink" }]));
    const a = r.link(sb.p("home/big"));
    expect(a).toMatchObject({ kind: "error", reasonCode: "cross-device" });
    expect(a.reason).toMatch(/^cross-device: \/dev\/shm and \//);
    expect(r.observation.targets[0]?.mounts?.source).toBe("/dev/shm");
  });

  it.skipIf(process.platform === "win32")("a junction off Windows is made as a directory symlink, with a note", () => {
    const { sb, manifest } = farm({ "repo/dir/x": "X" });
    const r = observeAndPlan(manifest([{ source: "dir", target: "dir", type: "junction", relative: true }]));
    expect(r.link(sb.p("home/dir"))).toMatchObject({
      kind: "create",
      linkText: sb.p("repo/dir"),
      note: `junction made as a directory symlink on ${process.platform}`,
    });
  });
});
