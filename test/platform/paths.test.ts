// Path rules per OS: win32 compares paths as Windows does (drive letters and names in any case,
// `\` and `/` alike, `\\?\` and UNC prefixes ignored); posix compares bytes.

import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readHostFacts } from "../../src/platform/host.js";
import { HOST_OS } from "../../src/platform/os.js";
import { childOf, displayPath, isInside, isNormalPosix, pathsFor } from "../../src/platform/paths.js";
import { hostPlatform, platformFor } from "../../src/platform/platform.js";

const win = pathsFor("win32");
const posix = pathsFor("linux");

describe("win32 paths", () => {
  it("compare drive letters and names case-insensitively, with either slash", () => {
    expect(win.same("C:\\Users\\Me\\.bashrc", "c:/users/me/.BASHRC")).toBe(true);
    expect(win.same("C:\\Users\\Me\\", "C:\\Users\\Me")).toBe(true);
    expect(win.same("C:\\Users\\Me\\a\\..\\b", "C:\\Users\\Me\\b")).toBe(true);
    expect(win.same("C:\\Users\\Me", "D:\\Users\\Me")).toBe(false);
  });

  it("ignore the \\\\?\\ and \\??\\ namespace prefixes, and the UNC one", () => {
    expect(win.same("\\\\?\\C:\\dots\\nvim", "C:\\dots\\nvim")).toBe(true);
    expect(win.same("\\??\\C:\\dots\\nvim", "c:\\DOTS\\nvim")).toBe(true);
    expect(win.same("\\\\?\\UNC\\server\\share\\x", "\\\\server\\share\\x")).toBe(true);
    expect(win.same("//server/share/x", "\\\\SERVER\\share\\x")).toBe(true);
    expect(win.plain("\\\\?\\UNC\\server\\share\\x")).toBe("\\\\server\\share\\x");
    expect(win.plain("\\\\?\\C:\\x")).toBe("C:\\x");
  });

  it("know what lies inside what, at name boundaries", () => {
    expect(win.isInside("c:/users/me/dots/bash", "C:\\Users\\Me\\dots")).toBe(true);
    expect(win.isInside("C:\\Users\\Me\\dotsy", "C:\\Users\\Me\\dots")).toBe(false);
    expect(win.isInside("C:\\x", "C:\\")).toBe(true);
    expect(win.isInside("\\\\server\\share\\a\\b", "\\\\?\\UNC\\server\\share\\a")).toBe(true);
  });

  it("show paths under a Windows HOME as ~\\..., whatever their case or slashes", () => {
    const home = readHostFacts({ USERPROFILE: "C:\\Users\\Me" }).home;
    expect(home).toBe("C:\\Users\\Me");
    expect(win.display("C:\\Users\\Me\\.bashrc", home)).toBe("~\\.bashrc");
    expect(win.display("c:/users/me/AppData/Local/nvim", home)).toBe("~\\AppData\\Local\\nvim");
    expect(win.display("C:\\Users\\Me", home)).toBe("~");
    expect(win.display("C:\\Users\\Mel\\x", home)).toBe("C:\\Users\\Mel\\x");
    expect(win.display("D:\\data\\x", "C:\\Users\\Me\\")).toBe("D:\\data\\x");
  });

  it("show UNC paths plainly, and under a UNC HOME as ~\\...", () => {
    expect(win.display("\\\\?\\UNC\\server\\share\\x", "C:\\Users\\Me")).toBe("\\\\server\\share\\x");
    expect(win.display("//server/share/x", "C:\\Users\\Me")).toBe("\\\\server\\share\\x");
    expect(win.display("\\\\server\\home\\me\\.bashrc", "\\\\server\\home\\me")).toBe("~\\.bashrc");
    expect(win.display("\\\\?\\C:\\Users\\Me\\x", "C:\\Users\\Me")).toBe("~\\x");
  });

  it("use path.win32", () => {
    expect(win.path.relative("C:\\Users\\Me", "C:\\Users\\Me\\dots\\x")).toBe("dots\\x");
    expect(platformFor("win32").path).toBe(path.win32);
  });
});

describe("posix paths", () => {
  it("compare bytes: case and prefixes matter", () => {
    expect(posix.same("/home/me/.bashrc", "/home/me/.BASHRC")).toBe(false);
    expect(posix.isInside("/a/bc", "/a/b")).toBe(false);
    expect(posix.isInside("/a/b/c", "/a/b/")).toBe(true);
    expect(posix.display("/home/me/.bashrc", "/home/me")).toBe("~/.bashrc");
    expect(posix.display("/home/meme", "/home/me")).toBe("/home/meme");
    expect(posix.key("/home/Me")).toBe("/home/Me");
  });
});

describe("plain posix paths (the fast path of link texts)", () => {
  it("isNormalPosix is true exactly when path.posix.normalize leaves an absolute path as it is", () => {
    for (const p of ["/", "/a", "/a/b", "/.x/..y", "/a/b.", "//a", "/a/", "/a/./b", "/a/../b", "/a/.", "/a/..", "/a//b"]) {
      expect(isNormalPosix(p), p).toBe(path.posix.normalize(p) === p && (p === "/" || !p.endsWith("/")));
    }
  });

  it("childOf is path.join for a normalised directory and a plain name", () => {
    for (const [d, n] of [["/", "a"], ["/a", "b"], ["/a/b", ".x"]] as const) expect(childOf(d, n, "/")).toBe(path.posix.join(d, n));
  });
});

describe("the host", () => {
  it("is described by the adapter for process.platform", () => {
    expect(HOST_OS).toBe(process.platform);
    expect(hostPlatform.os).toBe(process.platform);
    expect(readHostFacts({ HOME: "/h" }).os).toBe(process.platform);
    if (process.platform !== "win32") {
      expect(displayPath("/home/me/x", "/home/me")).toBe("~/x");
      expect(isInside("/home/me/x", "/home/me")).toBe(true);
    }
  });

  it("only src/platform/os.ts reads process.platform", () => {
    const src = path.resolve(import.meta.dirname, "../../src");
    const files = (fs.readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    const code = (f: string) =>
      fs
        .readFileSync(path.join(src, f), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\/\/|\/?\*)/.test(line))
        .join("\n");
    const readers = files.filter((f) => /process\.platform\b/.test(code(f)));
    expect(readers).toEqual([path.join("platform", "os.ts")]);
  });
});

describe("isInside without building parent + separator", () => {
  it("is exactly child === parent or a prefix test with the separator, on both path rules", () => {
    const seg = fc.constantFrom("", "a", "ab", "b", "\\", "/", "a/", "a\\");
    const p = fc.array(seg, { maxLength: 5 }).map((s) => s.join(""));
    fc.assert(
      fc.property(p, p, (child, parent) => {
        const old = (c: string, q: string, sep: string) => c === q || c.startsWith(q.endsWith(sep) ? q : q + sep);
        expect(pathsFor("linux").isInside(child, parent)).toBe(old(child, parent, "/"));
        expect(win.isInside(child, parent)).toBe(old(win.key(child), win.key(parent), "\\"));
      }),
      { numRuns: 3000, seed: 3 },
    );
  });
});
