// The relative link text is computed per pair of directories (a cache); it must be exactly
// what path.relative gives for every pair of paths, including ancestors, the same path, `..`
// and the root.

import { posix as path } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DesiredLink, ParentObserved } from "../../src/observe/types.js";
import * as linkText from "../../src/observe/link-text.js";

// POSIX paths and texts on every OS: the text computation takes the path rules as an argument
// (on Windows the observer passes path.win32; test/windows/ covers those).
const desiredLinkText = (d: DesiredLink, parent: ParentObserved) => linkText.desiredLinkText(d, parent, path);
const realParentOf = (target: string, parent: ParentObserved) => linkText.realParentOf(target, parent, path);
const realTargetOf = (target: string, parent: ParentObserved) => linkText.realTargetOf(target, parent, path);

const seg = fc.constantFrom("a", "b", "c", ".x", "..", ".", "d e", "é");
const abs = fc.array(seg, { maxLength: 5 }).map((s) => "/" + s.join("/"));

function link(target: string, source: string, base?: string): DesiredLink {
  return { target, source, type: "symlink", relative: true, mkdirs: true, conflict: "fail", entry: 0, ...(base ? { base } : {}) };
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

describe("relative symlink text below the target root (GNU Stow's form)", () => {
  const parent = (existing: string, existingReal = existing, missing: string[] = []): ParentObserved => ({
    existing,
    existingReal,
    dev: 1,
    missing,
  });

  it("goes up to the root and down to the source, as Stow writes it", () => {
    const home = "/home/me";
    const src = "/home/me/.local/src/dotfiles/p";
    const at = (target: string) => desiredLinkText(link(target, src + target.slice(home.length), home), parentOf(target));
    expect(at("/home/me/.local/bin/x")).toBe("../../.local/src/dotfiles/p/.local/bin/x");
    expect(at("/home/me/.local/x")).toBe("../.local/src/dotfiles/p/.local/x");
    expect(at("/home/me/.bashrc")).toBe(".local/src/dotfiles/p/.bashrc");
    // sources outside the root: the same text as before
    expect(desiredLinkText(link("/home/me/.config/a/x", "/srv/dots/x", home), parentOf("/home/me/.config/a/x"))).toBe(
      "../../../../srv/dots/x",
    );
  });

  it("HOME reached through a symlink (/home -> /var/home): the real root is found from the parent chain", () => {
    const d = link("/home/me/.local/bin/x", "/home/me/.local/src/d/x", "/home/me");
    expect(desiredLinkText(d, parent("/home/me/.local/bin", "/var/home/me/.local/bin"))).toBe("../../.local/src/d/x");
    // the link's directories do not exist yet: below the nearest existing one
    expect(desiredLinkText(d, parent("/home/me", "/var/home/me", ["/home/me/.local", "/home/me/.local/bin"]))).toBe(
      "../../.local/src/d/x",
    );
  });

  it("a symlinked directory between the root and the link: the shortest text", () => {
    // ~/.local -> /data/local: the link really lives in /data/local/bin, not below the root
    const d = link("/home/me/.local/bin/x", "/home/me/dots/x", "/home/me");
    expect(desiredLinkText(d, parent("/home/me/.local/bin", "/data/local/bin"))).toBe(
      path.relative("/data/local/bin", "/home/me/dots/x"),
    );
  });

  it("for any root, chain and source: up to the real root, then down to the source; it resolves to the source", () => {
    fc.assert(
      fc.property(abs, fc.array(seg, { maxLength: 4 }), fc.nat(5), fc.constantFrom("", "/var", "/a/b"), abs, fc.boolean(), (b, below, cut, prefix, s, inside) => {
        // Every real path is the lexical one under `prefix` (HOME through /home -> /var/home).
        const base = path.resolve(b);
        const dir = path.join(base, ...below);
        if (dir !== base && !dir.startsWith(base === "/" ? "/" : base + "/")) return; // `..` left the root
        const target = path.join(dir, "t");
        const source = inside ? path.join(base, path.resolve(s)) : path.resolve(s);
        const existing = path.resolve(dir, ...Array<string>(cut).fill(".."));
        if ((existing === "/" || base === "/") && prefix !== "") return; // "/" is never elsewhere
        const real = (p: string) => (prefix + p).replace(/\/$/, "") || "/";
        const text = desiredLinkText(link(target, source, base), parent(existing, real(existing)))!;
        const realDir = real(dir);
        const below_ = source === base || source.startsWith(base === "/" ? "/" : base + "/");
        expect(path.resolve(realDir, text)).toBe(below_ ? real(source) : source);
        const ups = path.relative(realDir, real(base));
        const down = below_ ? path.relative(base, source) : path.relative(real(base), source);
        expect(text).toBe((ups && down ? `${ups}/${down}` : ups + down) || ".");
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe("relative symlink text of consecutive links (the text is worked out once per pair of directories)", () => {
  // Small alphabets so that sources often are the root, the link's directory or one of its
  // ancestors: the cases where a directory's text plus a name is not the link's text.
  const name = fc.constantFrom("a", "b", ".", "..", "c d");
  const dir = fc.array(fc.constantFrom("a", "b"), { maxLength: 3 }).map((s) => "/" + s.join("/"));

  it("many links sharing one parent observation get the same text as each alone", () => {
    fc.assert(
      fc.property(
        dir,
        fc.array(fc.constantFrom("a", "b"), { maxLength: 2 }),
        fc.option(dir, { nil: undefined }),
        fc.constantFrom("", "/var"),
        fc.array(fc.tuple(dir, fc.array(name, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 6 }),
        (existing, below, base, prefix, groups) => {
          const shared: ParentObserved = { existing, existingReal: (prefix + existing).replace(/\/$/, "") || "/", dev: 1, missing: [] };
          const target = path.join(existing, ...below, "t");
          for (const [sourceDir, names] of groups) {
            for (const n of names) {
              const d = link(target, `${sourceDir === "/" ? "" : sourceDir}/${n}`, base);
              // A fresh copy of the parent cannot be served from what the previous link left.
              expect(desiredLinkText(d, shared)).toBe(desiredLinkText(d, { ...shared }));
            }
          }
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
  });

  it("a source that is the link's own directory, or above it, next to ordinary files", () => {
    const shared = parentOf("/h/a/b/t");
    const sources = ["/h/a/x", "/h/a/b", "/h/a/y", "/h/a", "/h/a/z", "/s/a/b/t/u", "/s/a/b/t", "/s/a/b/v"];
    expect(sources.map((s) => desiredLinkText(link("/h/a/b/t", s, "/h"), shared))).toEqual([
      "../../a/x",
      "../../a/b",
      "../../a/y",
      "../../a",
      "../../a/z",
      "../../../s/a/b/t/u",
      "../../../s/a/b/t",
      "../../../s/a/b/v",
    ]);
    expect(["/h/a/x", "/h/a/b", "/h/a/y", "/h/a", "/h/a/b/t/u"].map((s) => desiredLinkText(link("/h/a/b/t", s), shared))).toEqual([
      "../x",
      ".",
      "../y",
      "..",
      "t/u",
    ]);
    // The root itself as a source, after its sibling: the way down starts at the root, not above it.
    const below = parentOf("/h/m/a/t");
    expect(["/h/q", "/h/m", "/h/r"].map((s) => desiredLinkText(link("/h/m/a/t", s, "/h/m"), below))).toEqual(["../../q", "..", "../../r"]);
    // The same with the root reached through a symlink (/h -> /v/h).
    const via: ParentObserved = { existing: "/h/m/a", existingReal: "/v/h/m/a", dev: 1, missing: [] };
    expect(["/h/q", "/h/m", "/h/r"].map((s) => desiredLinkText(link("/h/m/a/t", s, "/h/m"), via))).toEqual([
      "../../../../h/q",
      "..",
      "../../../../h/r",
    ]);
  });
});
