// The ignore matcher's segment comparison gives picomatch's answers (dot: true) on the paths the
// source walk makes, for the default list and every list of `**/N/**` and `**/N` forms; any
// other pattern goes to picomatch itself.

import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { ignoreMatcher } from "../../src/observe/ignore-match.js";
import { DEFAULT_IGNORE } from "../../src/manifest/resolve.js";

const NAMES = ["a", ".git", ".DS_Store", "x.git", ".gitx", "git", ".g", "N", "n.d", "a b", "é"];
// readdir never returns "." or "..": no walk path holds them.
const segment = fc.oneof(fc.constantFrom(...NAMES), fc.stringMatching(/^[a-z.]{1,4}$/)).filter((s) => s !== "." && s !== "..");
const relPath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
const pattern = fc.tuple(fc.constantFrom(...NAMES), fc.boolean()).map(([n, deep]) => (deep ? `**/${n}/**` : `**/${n}`));

describe("ignore matcher", () => {
  it("answers as picomatch does for the default list", () => {
    const fast = ignoreMatcher(DEFAULT_IGNORE);
    const slow = picomatch([...DEFAULT_IGNORE], { dot: true });
    for (const p of [".git", ".git/x", "a/.git", "a/.git/b", ".DS_Store", "a/.DS_Store", "a/.DS_Store/b", ".gitx", "a/x.git/b", "a/b"]) {
      expect(fast(p), p).toBe(slow(p));
    }
    fc.assert(fc.property(relPath, (p) => fast(p) === slow(p)), { numRuns: 2000 });
  });

  it("answers as picomatch does for any list of the two literal forms", () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.array(relPath, { minLength: 1, maxLength: 20 }), (pats, paths) => {
        const fast = ignoreMatcher(pats);
        const slow = picomatch(pats, { dot: true });
        return paths.every((p) => fast(p) === slow(p));
      }),
      { numRuns: 1000 },
    );
  });

  it("other patterns are picomatch's own", () => {
    const m = ignoreMatcher(["**/*.swp", "build/**"]);
    expect(m("a/b.swp")).toBe(true);
    expect(m("build/x")).toBe(true);
    expect(m("src/build")).toBe(false);
    expect(ignoreMatcher(["**/.git/**", "*.log"])("x.log")).toBe(true);
  });
});
