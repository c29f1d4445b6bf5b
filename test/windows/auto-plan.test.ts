// `type: auto` in the pure planner, each branch through the platform adapter: Linux and macOS
// (a symlink), Windows with symlink rights, without them, and when they cannot be read.

import { describe, expect, it } from "vitest";
import { plan, type PlanOptions } from "../../src/plan/plan.js";
import type { LinkAction } from "../../src/plan/types.js";
import { parsePlanJson } from "../../src/apply/saved-plan/parse.js";
import { renderJson } from "../../src/report/json.js";
import { renderText } from "../../src/report/text.js";
import { emptyState, type State } from "../../src/state/types.js";
import { C, D, DOTS, HOME, desired, dirSource, fileSource, junctionAt, manifest, observation, target } from "../helpers/win32.js";

const only = (p: ReturnType<typeof plan>) => p.actions[0] as LinkAction;
const fileLink = desired(`${DOTS}\\bash\\.bashrc`, `${HOME}\\.bashrc`, { type: "auto" });
const dirLink = desired(`${DOTS}\\nvim`, `${HOME}\\AppData\\Local\\nvim`, { type: "auto" });

function planOne(d = fileLink, over: { source?: ReturnType<typeof fileSource>; at?: Parameters<typeof target>[2]; state?: State } = {}, options: PlanOptions = {}) {
  const source = over.source ?? (d === dirLink ? dirSource(d.source) : fileSource(d.source));
  const t = target(d, source, over.at);
  return only(plan(manifest(), observation([[d, t]]), over.state ?? emptyState("m"), options));
}

describe("type: auto in the plan", () => {
  it("is a symlink on linux and darwin, and says it was asked as auto", () => {
    for (const platform of ["linux", "darwin"]) {
      const a = planOne(fileLink, {}, { platform, symlinks: "refused" });
      expect(a).toMatchObject({ kind: "create", type: "symlink", requested: "auto", linkText: fileLink.source });
      expect(a.note).toMatch(/^auto: symlink/);
    }
  });

  it("is a symlink on Windows when symlinks are permitted", () => {
    const w = { platform: "win32", symlinks: "allowed" } as const;
    expect(planOne(fileLink, {}, w)).toMatchObject({ kind: "create", type: "symlink", requested: "auto" });
    expect(planOne(dirLink, {}, w)).toMatchObject({ kind: "create", type: "symlink", requested: "auto" });
  });

  it("without symlink rights: a hard link for a file, a junction (absolute text) for a directory", () => {
    const w = { platform: "win32", symlinks: "refused" } as const;
    const f = planOne(fileLink, {}, w);
    expect(f).toMatchObject({ kind: "create", type: "hardlink", requested: "auto" });
    expect(f.linkText).toBeUndefined();
    expect(f.note).toMatch(/^auto: hardlink \(symlinks not permitted/);
    expect(planOne(dirLink, {}, w)).toMatchObject({ kind: "create", type: "junction", requested: "auto", linkText: dirLink.source });
  });

  it("without symlink rights, a file on another volume is an error naming each kind tried", () => {
    const a = planOne(fileLink, { source: fileSource(fileLink.source, D) }, { platform: "win32", symlinks: "refused" });
    expect(a).toMatchObject({ kind: "error", reasonCode: "auto-impossible", requested: "auto" });
    expect(a.reason).toMatch(/symlink: symlinks not permitted/);
    expect(a.reason).toMatch(/hard link: cannot span volumes/);
  });

  it("when the rights cannot be read: a symlink, saying what it falls back to", () => {
    const w = { platform: "win32", symlinks: "unknown" } as const;
    const f = planOne(fileLink, {}, w);
    expect(f).toMatchObject({ kind: "create", type: "symlink", requested: "auto" });
    expect(f.note).toBe("auto: symlink, or a hard link if symlinks are refused");
    expect(planOne(dirLink, {}, w).note).toBe("auto: symlink, or a junction if symlinks are refused");
    expect(planOne(fileLink, { source: fileSource(fileLink.source, D) }, w).note).toMatch(/no fallback/);
    // Windows plans default to "unknown".
    expect(planOne(fileLink, {}, { platform: "win32" }).note).toBe(f.note);
  });

  it("a hard link or junction auto made earlier is in place, whatever the rights now", () => {
    for (const symlinks of ["allowed", "unknown", "refused"] as const) {
      const w = { platform: "win32", symlinks } as const;
      const hard = planOne(fileLink, { at: { kind: "file", dev: C, ino: 100, nlink: 2, size: 10, mtimeMs: 0 } }, w);
      expect(hard, symlinks).toMatchObject({ kind: "ok", type: "hardlink", requested: "auto" });
      const state = emptyState("m");
      state.links[dirLink.target] = { type: "junction", source: dirLink.source, linkText: dirLink.source, madeAt: "t" };
      const junction = planOne(dirLink, { at: junctionAt(`\\\\?\\${dirLink.source}`), state }, w);
      expect(junction, symlinks).toMatchObject({ kind: "ok", type: "junction", requested: "auto" });
    }
  });

  it("a concrete type is not marked as auto", () => {
    const d = desired(fileLink.source, fileLink.target, { type: "hardlink" });
    const a = planOne(d, {}, { platform: "win32", symlinks: "refused" });
    expect(a.type).toBe("hardlink");
    expect(a.requested).toBeUndefined();
    expect(a.note).toBeUndefined();
  });

  it("JSON carries the effective type and requested: auto, and a saved plan reads it back", () => {
    const p = plan(manifest(), observation([[fileLink, target(fileLink, fileSource(fileLink.source))]]), emptyState("m"), {
      platform: "win32",
      symlinks: "refused",
    });
    const json = renderJson(p);
    expect(JSON.parse(json).actions[0]).toMatchObject({ type: "hardlink", requested: "auto" });
    const back = parsePlanJson(json);
    expect("plan" in back && back.plan.actions[0]).toMatchObject({ type: "hardlink", requested: "auto" });
    expect(renderText(p, { home: HOME, color: false })).toMatch(/hard link; nothing at target; auto: hardlink/);
  });
});
