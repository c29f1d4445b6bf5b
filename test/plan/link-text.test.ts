// The relative link text is computed per pair of directories (a cache); it must be exactly
// what path.relative gives for every pair of paths, including ancestors, the same path, `..`
// and the root.

import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredLink, ParentObserved } from "../../src/observe/types.js";
import { desiredLinkText, realParentOf, realTargetOf } from "../../src/plan/link-text.js";

const seg = fc.constantFrom("a", "b", "c", ".x", "..", ".", "d e", "é");
const abs = fc.array(seg, { maxLength: 5 }).map((s) => "/" + s.join("/"));

function link(target: string, source: string): DesiredLink {
  return { target, source, type: "symlink", relative: true, mkdirs: true, conflict: "fail", entry: 0 };
}
const parentOf = (target: string): ParentObserved => {
  const dir = path.dirname(target);
  return { existing: dir, existingReal: dir, dev: 1, missing: [] };
};

describe("relative symlink text", () => {
  it("equals path.relative(real parent, source) for any two paths, asked in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(abs, abs), { minLength: 1, maxLength: 20 }), (pairs) => {
        for (const [t, s] of [...pairs, ...pairs.reverse()]) {
          const target = path.join(t, "link");
          const want = path.relative(path.dirname(target), s) || ".";
          expect(desiredLinkText(link(target, s), parentOf(target))).toBe(want);
        }
      }),
      { numRuns: 500, seed: 99 },
    );
  });

  it("a source above or at the link's directory keeps the short text", () => {
    expect(desiredLinkText(link("/a/b/c/l", "/a/b"), parentOf("/a/b/c/l"))).toBe("..");
    expect(desiredLinkText(link("/a/b/l", "/a/b"), parentOf("/a/b/l"))).toBe(".");
    expect(desiredLinkText(link("/a/b/l", "/"), parentOf("/a/b/l"))).toBe("../..");
    expect(desiredLinkText(link("/a/b/l", "/a/x/y"), parentOf("/a/b/l"))).toBe("../x/y");
  });

  it("the real parent and real target are path.join(existingReal, path.relative(existing, dir)) for any chain", () => {
    fc.assert(
      fc.property(abs, fc.array(seg, { maxLength: 4 }), abs, fc.boolean(), (existing, below, real, inside) => {
        const target = inside ? path.join(existing, ...below, "t") : path.join(real, ...below, "t");
        const parent: ParentObserved = { existing: path.resolve(existing), existingReal: path.resolve(real), dev: 1, missing: [] };
        const want = (() => {
          const rest = path.relative(parent.existing, path.dirname(target));
          return rest ? path.join(parent.existingReal, rest) : parent.existingReal;
        })();
        expect(realParentOf(target, parent)).toBe(want);
        expect(realTargetOf(target, parent)).toBe(path.join(want, path.basename(target)));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
