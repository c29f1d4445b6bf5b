// Duplicate targets: the manifest rules (before expansion) and the expander (after it) decide
// "the same target" by one rule, the OS's path identity (platform/paths.ts), on every OS.

import { describe, expect, it } from "vitest";
import { checkRules } from "../../src/manifest/rules.js";
import { expand } from "../../src/expand/expand.js";
import { buildManifest, hostFor } from "../helpers/manifest.js";

const dir = "/home/me/dots";
const home = "/home/me";

function bothChecks(os: string, targets: string[]) {
  const m = buildManifest({ dir, targetRoot: home, links: targets.map((t, i) => ({ source: `s${i}`, target: t })) });
  const rules = checkRules(m, { home, os }).filter((d) => d.code === "duplicate-target");
  const listings = m.links.map((e) => ({ entry: e.index, kind: "file" as const }));
  const expanded = expand(m, listings, hostFor(home, { os })).diagnostics.filter((d) => d.code === "duplicate-target");
  return { rules: rules.length, expanded: expanded.length };
}

describe("duplicate targets are one rule before and after expansion", () => {
  it("targets differing in case alone are one target on win32", () => {
    expect(bothChecks("win32", [".Foo", ".foo"])).toEqual({ rules: 1, expanded: 1 });
  });

  it("targets differing in case alone are two targets on darwin and linux, as the planner compares them", () => {
    expect(bothChecks("darwin", [".Foo", ".foo"])).toEqual({ rules: 0, expanded: 0 });
    expect(bothChecks("linux", [".Foo", ".foo"])).toEqual({ rules: 0, expanded: 0 });
  });

  it("the same target written twice is a duplicate on every OS", () => {
    for (const os of ["win32", "darwin", "linux"]) expect(bothChecks(os, [".foo", ".foo"])).toEqual({ rules: 1, expanded: 1 });
  });
});
