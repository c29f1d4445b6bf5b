// classify and order on literal observations: no disk needed.

import { describe, expect, it } from "vitest";
import { classify, type ClassifyContext } from "../../src/plan/classify.js";
import { compareBytes, sortActions } from "../../src/plan/order.js";
import type { DesiredLink, TargetObservation } from "../../src/observe/types.js";
import type { Action } from "../../src/plan/types.js";

const ctx: ClassifyContext = { sourceRoot: "/repo", sourceRootReal: "/repo", platform: "linux" };
const desired = (over: Partial<DesiredLink> = {}): DesiredLink => ({
  target: "/mnt/data/a",
  source: "/repo/a",
  type: "hardlink",
  relative: false,
  mkdirs: true,
  conflict: "fail",
  entry: 0,
  ...over,
});
const observation = (over: Partial<TargetObservation> = {}): TargetObservation => ({
  target: "/mnt/data/a",
  observed: { kind: "missing" },
  source: { kind: "file", dev: 1, ino: 10, nlink: 1, size: 3, mtimeMs: 1, realpath: "/repo/a" },
  parent: { existing: "/mnt/data", existingReal: "/mnt/data", dev: 2, missing: [] },
  ...over,
});

describe("classify", () => {
  it("a hard link across devices is an error naming both mount points", () => {
    const a = classify(desired(), observation({ mounts: { source: "/", target: "/mnt/data" } }), undefined, ctx);
    expect(a).toMatchObject({ kind: "error", reasonCode: "cross-device", reason: "cross-device: / and /mnt/data" });
  });

  it("a symlink across devices is fine", () => {
    const a = classify(desired({ type: "symlink" }), observation(), undefined, ctx);
    expect(a).toMatchObject({ kind: "create", linkText: "/repo/a" });
  });

  it("a junction on windows carries no note", () => {
    const d = desired({ type: "junction", source: "/repo/d" });
    const t = observation({ source: { kind: "dir", dev: 1, ino: 3, realpath: "/repo/d" } });
    expect(classify(d, t, undefined, { ...ctx, platform: "win32" }).note).toBeUndefined();
    expect(classify(d, t, undefined, ctx).note).toBe("junction made as a directory symlink on linux");
  });

  it("a symlink whose text leads to the source itself is ours, wherever the source lives", () => {
    const d = desired({ type: "symlink", source: "/opt/dots/a", target: "/home/me/a" });
    const t = observation({
      target: "/home/me/a",
      observed: { kind: "symlink", text: "../../opt/dots/a", dev: 2, ino: 5 },
      resolved: { kind: "file", path: "/opt/dots/a" },
      source: { kind: "file", dev: 1, ino: 10, nlink: 1, size: 3, mtimeMs: 1, realpath: "/opt/dots/a" },
      parent: { existing: "/home/me", existingReal: "/home/me", dev: 2, missing: [] },
    });
    expect(classify(d, t, undefined, ctx)).toMatchObject({ kind: "repair", reasonCode: "wrong-target" });
  });
});

describe("order", () => {
  it("sorts by target in byte order, directory removals last and deepest first", () => {
    const link = (target: string): Action =>
      ({ kind: "create", target, reasonCode: "missing", reason: "" }) as unknown as Action;
    const dir = (target: string): Action =>
      ({ kind: "remove", type: "dir", target, reasonCode: "created-dir-empty", reason: "" }) as unknown as Action;
    const sorted = sortActions([dir("/h/a"), link("/h/b"), dir("/h/a/b"), link("/h/a/x"), link("/h/B")]);
    expect(sorted.map((a) => a.target)).toEqual(["/h/B", "/h/a/x", "/h/b", "/h/a/b", "/h/a"]);
  });

  it("compares by code point like UTF-8 bytes", () => {
    expect(compareBytes("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect(compareBytes("a", "ab")).toBeLessThan(0);
    expect(compareBytes("Z", "a")).toBeLessThan(0);
  });
});
