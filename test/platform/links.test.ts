// Making links through the adapter: the fs.symlink type Windows needs (mklink, /D, /J), hard
// links (mklink /H), and the Developer Mode explanation when Windows refuses a symlink.

import { describe, expect, it } from "vitest";
import { realFs } from "../../src/platform/fs.js";
import { explainLinkError, LinkRefused, makeLink, type LinkRequest } from "../../src/platform/links.js";
import { platformFor } from "../../src/platform/platform.js";
import { sandbox } from "../helpers/sandbox.js";

const win = platformFor("win32");
const linux = platformFor("linux");
const eperm = () => Object.assign(new Error("EPERM: operation not permitted, symlink"), { code: "EPERM" });
const req = (over: Partial<LinkRequest> = {}): LinkRequest => ({
  type: "symlink",
  to: "C:\\Users\\Me\\dots\\nvim",
  at: "C:\\Users\\Me\\AppData\\Local\\.nvim.linkfarm-tmp-1-1",
  target: "C:\\Users\\Me\\AppData\\Local\\nvim",
  sourceKind: "dir",
  ...over,
});

describe("symlink type", () => {
  it("is file, dir or junction on win32, chosen from the source", () => {
    expect(win.symlinkType("symlink", "file")).toBe("file");
    expect(win.symlinkType("symlink", "dir")).toBe("dir");
    expect(win.symlinkType("junction", "dir")).toBe("junction");
  });

  it("is left out elsewhere (a junction is a directory symlink there)", () => {
    expect(linux.symlinkType("symlink", "dir")).toBeUndefined();
    expect(linux.symlinkType("junction", "dir")).toBeUndefined();
    expect(linux.hasJunctions).toBe(false);
  });
});

describe("link text comparison", () => {
  it("is byte for byte on posix", () => {
    expect(linux.sameLinkText("/a/b", "/a/b")).toBe(true);
    expect(linux.sameLinkText("/a/B", "/a/b")).toBe(false);
    expect(linux.sameLinkText("../x", "..\\x")).toBe(false);
  });

  it("ignores prefixes, case and slash direction on win32", () => {
    expect(win.sameLinkText("\\\\?\\C:\\dots\\nvim", "C:\\dots\\nvim")).toBe(true);
    expect(win.sameLinkText("c:/DOTS/nvim", "C:\\dots\\nvim")).toBe(true);
    expect(win.sameLinkText("..\\dots\\x", "../dots/x")).toBe(true);
    expect(win.sameLinkText("C:\\dots\\vim", "C:\\dots\\nvim")).toBe(false);
  });
});

describe("makeLink on this machine", () => {
  it("makes a symlink with the given text and a hard link to the same inode", () => {
    const sb = sandbox({ "repo/a": "A" });
    makeLink(realFs, linux, { type: "symlink", to: sb.p("repo/a"), at: sb.p("home/s"), target: sb.p("home/s"), sourceKind: "file" });
    makeLink(realFs, linux, { type: "hardlink", to: sb.p("repo/a"), at: sb.p("home/h"), target: sb.p("home/h"), sourceKind: "file" });
    expect(sb.readlink("home/s")).toBe(sb.p("repo/a"));
    expect(sb.ino("home/h")).toBe(sb.ino("repo/a"));
  });

  it("passes the Windows type to fs.symlink and wraps EPERM", () => {
    const calls: unknown[][] = [];
    const fake = {
      symlinkSync: (...args: unknown[]) => {
        calls.push(args);
        throw eperm();
      },
      linkSync: () => undefined,
    } as unknown as typeof realFs;
    let thrown: unknown;
    try {
      makeLink(fake, win, req());
    } catch (err) {
      thrown = err;
    }
    expect(calls).toEqual([[req().to, req().at, "dir"]]);
    expect(thrown).toBeInstanceOf(LinkRefused);
    expect(thrown).toMatchObject({ code: "EPERM", hint: "symlink-privilege", target: req().target });
  });
});

describe("explaining a refused link", () => {
  it("EPERM on a Windows directory symlink names the target and suggests a junction", () => {
    const e = explainLinkError(eperm(), win, req()) as LinkRefused;
    expect(e).toMatchObject({ code: "EPERM", hint: "symlink-privilege" });
    expect(e.message).toContain(req().target);
    expect(e.message).not.toContain(req().at);
    expect(e.message).toMatch(/Developer Mode/);
    expect(e.message).toMatch(/type: junction/);
  });

  it("EPERM on a Windows file symlink suggests a hard link", () => {
    const e = explainLinkError(eperm(), win, req({ sourceKind: "file" })) as LinkRefused;
    expect(e.message).toMatch(/type: hardlink/);
    expect(e.message).not.toMatch(/type: junction/);
  });

  it("leaves other errors, other link types and other systems alone", () => {
    const exists = Object.assign(new Error("EEXIST"), { code: "EEXIST" });
    expect(explainLinkError(exists, win, req())).toBe(exists);
    const e = eperm();
    expect(explainLinkError(e, win, req({ type: "junction" }))).toBe(e);
    expect(explainLinkError(e, win, req({ type: "hardlink" }))).toBe(e);
    expect(explainLinkError(e, linux, req())).toBe(e);
  });
});
