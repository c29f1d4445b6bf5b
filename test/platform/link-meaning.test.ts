// sameLinkMeaning: two relative link texts mean the same when they resolve, lexically, from the
// link's directory to the same path. A relative text never means an absolute one.

import * as fc from "fast-check";
import * as nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { platformFor } from "../../src/platform/platform.js";

const linux = platformFor("linux");
const win = platformFor("win32");

describe("sameLinkMeaning", () => {
  it("Stow's text for a stow dir inside the target means linkfarm's", () => {
    const dir = "/home/me/.local/bin";
    expect(linux.sameLinkMeaning("../../.local/src/dotfiles/fun/.local/bin/x", "../src/dotfiles/fun/.local/bin/x", dir)).toBe(true);
    expect(linux.sameLinkMeaning("../src/dotfiles/fun/.local/bin/y", "../src/dotfiles/fun/.local/bin/x", dir)).toBe(false);
  });

  it("relative vs absolute never matches, even for the same path (switching `relative` repairs)", () => {
    const dir = "/home/me";
    expect(linux.sameLinkMeaning("/home/me/dotfiles/a", "dotfiles/a", dir)).toBe(false);
    expect(linux.sameLinkMeaning("dotfiles/a", "/home/me/dotfiles/a", dir)).toBe(false);
  });

  it("a trailing slash asks for a directory: it means only itself", () => {
    expect(linux.sameLinkMeaning("../a/", "../a", "/home/me")).toBe(false);
  });

  it("win32: backslashes and case follow the platform's rules", () => {
    const dir = "C:\\Users\\Me\\bin";
    expect(win.sameLinkMeaning("..\\..\\Me\\dotfiles\\X", "..\\dotfiles\\x", dir)).toBe(true);
    expect(win.sameLinkMeaning("../dotfiles/x", "..\\dotfiles\\x", dir)).toBe(true);
    expect(win.sameLinkMeaning("C:\\Users\\Me\\dotfiles\\x", "..\\dotfiles\\x", dir)).toBe(false);
  });

  it("property: a text and any detour through the link's own ancestors mean the same; other paths do not", () => {
    const seg = fc.stringMatching(/^[a-z]{1,4}$/);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 4 }), fc.array(seg, { minLength: 1, maxLength: 4 }), fc.nat(), (dirParts, toParts, k) => {
        const dir = "/" + dirParts.join("/");
        const to = "/" + toParts.join("/");
        const wanted = nodePath.posix.relative(dir, to) || ".";
        // Go up `up` levels and back down through the same names: the same path, another text.
        const up = (k % dirParts.length) + 1;
        const detour = [...Array(up).fill(".."), ...dirParts.slice(dirParts.length - up), wanted].join("/");
        expect(linux.sameLinkMeaning(detour, wanted, dir)).toBe(true);
        expect(linux.sameLinkMeaning(`${wanted}/zz`, wanted, dir)).toBe(false);
      }),
    );
  });
});
