// Conflict policies turn a conflict into a replace, within the safety rules no flag weakens.

import { describe, expect, it } from "vitest";
import { buildManifest, observeAndPlan, type EntrySpec } from "../helpers/manifest.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";
import type { ConflictPolicy } from "../../src/manifest/types.js";

function farm(tree: Tree) {
  const sb = sandbox(tree);
  const manifest = (links: EntrySpec[]) => buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links });
  return { sb, manifest };
}

const cases: [string, Tree, ConflictPolicy, object][] = [
  ["a file with other content, backup", { "home/a": "other" }, "backup", { kind: "replace", resolution: "backup", reasonCode: "different-content" }],
  ["a file with other content, overwrite", { "home/a": "other" }, "overwrite", { kind: "replace", resolution: "overwrite" }],
  ["a file with other content, adopt", { "home/a": "other" }, "adopt", { kind: "replace", resolution: "adopt" }],
  ["a file with other content, fail", { "home/a": "other" }, "fail", { kind: "conflict", reasonCode: "different-content" }],
  ["an empty directory, backup", { "home/a": { dir: true } }, "backup", { kind: "replace", resolution: "backup", reasonCode: "directory" }],
  ["an empty directory, overwrite", { "home/a": { dir: true } }, "overwrite", { kind: "replace", resolution: "overwrite" }],
  ["an empty directory, adopt", { "home/a": { dir: true } }, "adopt", { kind: "conflict", reasonCode: "adopt-impossible" }],
  ["a non-empty directory, backup", { "home/a/x": "X" }, "backup", { kind: "replace", resolution: "backup", reasonCode: "nonempty-directory" }],
  ["a non-empty directory, overwrite", { "home/a/x": "X" }, "overwrite", { kind: "conflict", reasonCode: "nonempty-directory" }],
  ["a non-empty directory, adopt", { "home/a/x": "X" }, "adopt", { kind: "conflict", reasonCode: "adopt-impossible" }],
  // A symlink to someone else's file (outside the source), which exists.
  ["a foreign symlink, adopt", { "elsewhere/x": "theirs", "home/a": { symlink: "../elsewhere/x" } }, "adopt", { kind: "conflict", reasonCode: "adopt-impossible" }],
  ["a foreign symlink, backup", { "elsewhere/x": "theirs", "home/a": { symlink: "../elsewhere/x" } }, "backup", { kind: "replace", resolution: "backup", reasonCode: "foreign-symlink" }],
];

describe("conflict policies", () => {
  for (const [name, tree, policy, expected] of cases) {
    it(`${name}`, () => {
      const { sb, manifest } = farm({ "repo/a": "A", ...tree });
      const r = observeAndPlan(manifest([{ source: "a", target: "a", conflict: policy }]));
      expect(r.link(sb.p("home/a"))).toMatchObject(expected);
    });
  }

  it("overwrite never deletes a non-empty directory: the reason says to use backup", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a/x": "X" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", conflict: "overwrite" }]));
    expect(r.link(sb.p("home/a")).reason).toContain("use backup");
  });

  it("the replace reason extends the conflict reason", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": "other" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", conflict: "backup" }]));
    expect(r.link(sb.p("home/a")).reason).toBe("file with other content; will back up");
  });

  it("--conflict overrides every link's own policy", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "repo/b": "B", "home/a": "other", "home/b": "other" });
    const m = manifest([
      { source: "a", target: "a", conflict: "fail" },
      { source: "b", target: "b", conflict: "adopt" },
    ]);
    const r = observeAndPlan(m, { plan: { conflict: "backup" } });
    expect(r.plan.actions.map((a) => [a.kind, "resolution" in a ? a.resolution : undefined])).toEqual([
      ["replace", "backup"],
      ["replace", "backup"],
    ]);
    expect(r.link(sb.p("home/a")).kind).toBe("replace");
  });

  it("adopt of a diverged hard link is a replace (the target is a regular file)", () => {
    const { sb, manifest } = farm({ "repo/a": "A", "home/a": "edited" });
    const r = observeAndPlan(manifest([{ source: "a", target: "a", type: "hardlink", conflict: "adopt" }]));
    expect(r.link(sb.p("home/a"))).toMatchObject({ kind: "replace", resolution: "adopt" });
  });
});
