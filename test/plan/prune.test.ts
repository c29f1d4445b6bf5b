// Prune removes what linkfarm made and no longer declares, and only what is still exactly that.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildManifest, observeAndPlan, type EntrySpec } from "../helpers/manifest.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";
import { emptyState, type State, type StateLink } from "../../src/state/types.js";

function farm(tree: Tree) {
  const sb = sandbox(tree);
  const manifest = (links: EntrySpec[], prune = true) =>
    buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links, prune });
  const state = (links: Record<string, StateLink>, dirs: string[] = []): State => ({
    ...emptyState(sb.p("repo/linkfarm.yaml")),
    links,
    dirs,
  });
  return { sb, manifest, state };
}

describe("prune", () => {
  it("a recorded symlink no longer declared and unchanged is deleted", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "remove", reasonCode: "not-declared" });
    expect(r.plan.summary.remove).toBe(1);
  });

  it("prune never removes a path that changed since linkfarm made it", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: "/somewhere/else" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "forget", reasonCode: "changed-since-made" });
  });

  it("a recorded link that is already gone is forgotten", () => {
    const { sb, manifest, state } = farm({});
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "forget", reasonCode: "already-gone", observed: { kind: "missing" } });
  });

  it("a recorded hard link with other names is deleted", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { hardlink: "repo/a" } });
    const s = fs.statSync(sb.p("repo/a"));
    const st = state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: s.dev, ino: s.ino } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "remove", reasonCode: "not-declared" });
  });

  it("prune never removes a hard link that is the last name of its data", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { hardlink: "repo/a" } });
    const s = fs.statSync(sb.p("repo/a"));
    fs.unlinkSync(sb.p("repo/a"));
    const st = state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: s.dev, ino: s.ino } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "forget", reasonCode: "last-name" });
  });

  it("the last name of its data whose source path now holds another file says so, not 'the source is gone'", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { hardlink: "repo/a" } });
    const s = fs.statSync(sb.p("repo/a"));
    fs.unlinkSync(sb.p("repo/a"));
    fs.writeFileSync(sb.p("repo/a"), "a new file at the same path");
    const st = state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: s.dev, ino: s.ino } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "forget", reasonCode: "last-name-source-replaced" });
    expect(r.plan.summary).toMatchObject({ remove: 0, forget: 1 });
  });

  it("a recorded relative symlink whose text now reads differently but means the same is still removed", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/x/a": { symlink: "../../repo/a" } });
    const st = state({ [sb.p("home/x/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../x/../../repo/a" } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/x/a"))).toMatchObject({ kind: "remove", reasonCode: "not-declared" });
  });

  it("under unlink, a removal's reason is 'unlinked', not 'no longer declared'", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const r = observeAndPlan(manifest([]), { state: st, plan: { unlink: true } });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "remove", reasonCode: "unlinked" });
  });

  it("a recorded hard link replaced by another file is forgotten, not deleted", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": "a copy" });
    const s = fs.statSync(sb.p("repo/a"));
    const st = state({ [sb.p("home/a")]: { type: "hardlink", source: sb.p("repo/a"), dev: s.dev, ino: s.ino } });
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "forget", reasonCode: "changed-since-made" });
  });

  it("a link whose `when` became false is pruned", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const m = manifest([{ source: "a", target: "a", relative: true, when: { os: [process.platform === "darwin" ? "linux" : "darwin"] } }]);
    const r = observeAndPlan(m, { state: st });
    expect(r.observation.desired).toEqual([]);
    expect(r.remove(sb.p("home/a"))).toMatchObject({ kind: "remove", reasonCode: "not-declared" });
  });

  it("with prune: false nothing is removed", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/a": { symlink: "../repo/a" } });
    const st = state({ [sb.p("home/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../repo/a" } });
    const r = observeAndPlan(manifest([], false), { state: st });
    expect(r.plan.actions).toEqual([]);
  });

  it("directories linkfarm created are removed once empty, after their contents, deepest first", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/.config/x/a": { symlink: "../../../repo/a" } });
    const st = state(
      { [sb.p("home/.config/x/a")]: { type: "symlink", source: sb.p("repo/a"), linkText: "../../../repo/a" } },
      [sb.p("home/.config"), sb.p("home/.config/x")],
    );
    const r = observeAndPlan(manifest([]), { state: st });
    expect(r.plan.actions.map((a) => [a.target, a.reasonCode, a.kind])).toEqual([
      [sb.p("home/.config/x/a"), "not-declared", "remove"],
      [sb.p("home/.config/x"), "created-dir-empty", "remove"],
      [sb.p("home/.config"), "created-dir-empty", "remove"],
    ]);
  });

  it("a created directory that holds something else, or is still needed, stays", () => {
    const { sb, manifest, state } = farm({ "repo/a": "A", "home/.config/user-file": "mine", "home/.local/bin/.keep": "" });
    const st = state({}, [sb.p("home/.config"), sb.p("home/.local"), sb.p("home/.local/bin")]);
    const r = observeAndPlan(manifest([{ source: "a", target: ".local/bin/a" }]), { state: st });
    expect(r.plan.actions.map((a) => a.target)).toEqual([sb.p("home/.local/bin/a")]);
    expect(r.observation.dirs.map((d) => d.path)).toEqual([sb.p("home/.config")]);
  });

  it("a created directory that is already gone is forgotten", () => {
    const { sb, manifest, state } = farm({});
    const r = observeAndPlan(manifest([]), { state: state({}, [sb.p("home/gone")]) });
    expect(r.remove(sb.p("home/gone"))).toMatchObject({ type: "dir", kind: "forget", reasonCode: "already-gone" });
  });
});
