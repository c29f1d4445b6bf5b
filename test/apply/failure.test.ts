// Failure details: linkfarm's names (never the temp sibling) in linkfarm's order, and the
// directory that refused. Real errors from the real file system, no mocks.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFsError, untemp } from "../../src/apply/failure.js";
import { tempSibling } from "../../src/apply/steps.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

function thrown(f: () => void): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error("expected a throw");
}

describe("describeFsError", () => {
  it("Windows paths are shown without their \\\\?\\ namespace prefix", () => {
    const err = Object.assign(new Error("EPERM: operation not permitted, symlink"), {
      code: "EPERM",
      syscall: "symlink",
      path: "\\\\?\\C:\\dots\\vimrc",
      dest: "\\\\?\\C:\\Users\\me\\_vimrc",
    });
    const text = describeFsError(err);
    expect(text).toContain("C:\\Users\\me\\_vimrc -> C:\\dots\\vimrc");
    expect(text).not.toContain("\\\\?\\");
  });

  it("a temp sibling is named as the target it stands for", () => {
    const h = path.resolve("/h");
    expect(untemp(tempSibling(path.join(h, ".bashrc"), 4))).toBe(path.join(h, ".bashrc"));
    expect(untemp(path.join(h, ".x.linkfarm-tmp-123-4"))).toBe(path.join(h, "x"));
    expect(untemp(path.join(h, ".bashrc"))).toBe(path.join(h, ".bashrc"));
  });

  it("symlink: `target -> text`, not Node's `text -> temp`", () => {
    const sb = sandbox({ "repo/a": "a\n" });
    const target = sb.p("home/gone/x");
    const err = thrown(() => fs.symlinkSync(sb.p("repo/a"), tempSibling(target, 0)));
    const d = describeFsError(err);
    expect(d).toMatch(/^ENOENT/);
    expect(d).toContain(`symlink ${target} -> ${sb.p("repo/a")}`);
    expect(d).not.toContain("linkfarm-tmp");
  });

  it("hard link: `target => source`", () => {
    const sb = sandbox({ "repo/a": "a\n", "home/x": "in the way\n" });
    const err = thrown(() => fs.linkSync(sb.p("repo/a"), sb.p("home/x")));
    expect(describeFsError(err)).toBe(`EEXIST: file already exists (link ${sb.p("home/x")} => ${sb.p("repo/a")})`);
  });

  it.skipIf(posixOnly("chattr +i"))("a read-only directory (chattr +i refuses even root): the directory is named", async (ctx) => {
    const sb = sandbox({ "repo/a": "a\n", "home/locked/keep": "k\n" });
    const dir = sb.p("home/locked");
    try {
      const { execFileSync } = await import("node:child_process");
      execFileSync("chattr", ["+i", dir], { stdio: "ignore" });
    } catch {
      ctx.skip("chattr +i is not supported here");
    }
    try {
      const err = thrown(() => fs.symlinkSync(sb.p("repo/a"), tempSibling(path.join(dir, "x"), 0)));
      const d = describeFsError(err);
      expect(d).toMatch(/^EPERM/);
      expect(d).toContain(`the directory ${dir} refused`);
      expect(d).not.toContain("linkfarm-tmp");
    } finally {
      const { execFileSync } = await import("node:child_process");
      execFileSync("chattr", ["-i", dir]);
    }
  });
});
