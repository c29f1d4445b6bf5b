// `type: auto` in the applier, on a real sandbox with the platform adapter set to Windows.
// Faked: only fs.symlinkSync, behaving as Windows without Developer Mode (EPERM) or as Wine
// (reports success, makes nothing; junctions ENOTSUP). Everything else is the real disk.

import { describe, expect, it } from "vitest";
import { realFs, type FsWrite } from "../../src/platform/fs.js";
import type { LinkAction } from "../../src/plan/types.js";
import { linkAction, run } from "../helpers/apply-plans.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

type Mode = "make" | "refuse" | "stub" | "unsupported";

// symlinkSync per type: "file"/"dir" symlinks behave as `symlinks`, junctions as `junctions`.
function windowsFs(symlinks: Mode, junctions: Mode = "make"): FsWrite {
  return {
    ...realFs,
    symlinkSync: ((text: string, at: string, type?: string) => {
      const mode = type === "junction" ? junctions : symlinks;
      if (mode === "refuse") throw Object.assign(new Error(`EPERM: operation not permitted, symlink '${text}' -> '${at}'`), { code: "EPERM" });
      if (mode === "unsupported") throw Object.assign(new Error(`ENOTSUP: operation not supported, symlink '${text}' -> '${at}'`), { code: "ENOTSUP" });
      if (mode === "make") realFs.symlinkSync(text, at);
    }) as FsWrite["symlinkSync"],
  };
}

const auto = (sb: Sandbox, o: Parameters<typeof linkAction>[1]): LinkAction => ({ ...linkAction(sb, o), requested: "auto" });

describe("type: auto at apply on Windows", () => {
  for (const symlinks of ["refuse", "stub"] as const) {
    it(`a planned symlink to a file becomes a hard link when symlinks ${symlinks === "refuse" ? "are refused" : "are not really made"}`, async () => {
      const sb = sandbox({ "repo/bash/.bashrc": "A", "home/.keep": "" });
      const r = await run(sb, [auto(sb, { kind: "create", target: "home/.bashrc", source: "repo/bash/.bashrc" })], {
        fs: windowsFs(symlinks),
        platform: "win32",
      });
      expect(r.ok).toBe(true);
      expect(sb.ino("home/.bashrc")).toBe(sb.ino("repo/bash/.bashrc"));
      expect(r.outcomes[0]?.detail).toMatch(/^auto: made a hard link \(symlink/);
      expect(r.state.links[sb.p("home/.bashrc")]).toMatchObject({ type: "hardlink", ino: sb.ino("repo/bash/.bashrc") });
    });
  }

  it("a planned symlink to a directory becomes a junction when symlinks are refused", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "B", "home/.keep": "" });
    const r = await run(sb, [auto(sb, { kind: "create", target: "home/nvim", source: "repo/nvim" })], {
      fs: windowsFs("refuse"),
      platform: "win32",
    });
    expect(r.ok).toBe(true);
    expect(sb.readlink("home/nvim")).toBe(sb.p("repo/nvim"));
    expect(r.state.links[sb.p("home/nvim")]).toMatchObject({ type: "junction", linkText: sb.p("repo/nvim") });
  });

  it("a repair through a temporary sibling falls back too, and leaves no temporary name", async () => {
    const sb = sandbox({ "repo/bin/tool": "T", "home/tool": { symlink: "/gone" } });
    const r = await run(sb, [auto(sb, { kind: "repair", target: "home/tool", source: "repo/bin/tool" })], {
      fs: windowsFs("stub"),
      platform: "win32",
    });
    expect(r.ok).toBe(true);
    expect(sb.ino("home/tool")).toBe(sb.ino("repo/bin/tool"));
    expect(Object.keys(sb.snapshot()).filter((p) => p.includes("linkfarm-tmp"))).toEqual([]);
  });

  it("a directory where neither a symlink nor a junction can be made fails naming both, and changes nothing", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "B", "home/.keep": "" });
    const before = sb.snapshot();
    const r = await run(sb, [auto(sb, { kind: "create", target: "home/nvim", source: "repo/nvim" })], {
      fs: windowsFs("stub", "unsupported"),
      platform: "win32",
    });
    expect(r.outcomes[0]).toMatchObject({ status: "failed" });
    expect(r.outcomes[0]?.detail).toMatch(/^type auto: could not link .*: symlink reported as made but not there; junction: ENOTSUP/);
    expect(sb.snapshot()).toEqual(before);
    expect(r.state.links).toEqual({});
  });

  it("a symlink declared as such that is reported made but is not there fails clearly, nothing recorded", async () => {
    const sb = sandbox({ "repo/bash/.bashrc": "A", "home/.keep": "" });
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/.bashrc", source: "repo/bash/.bashrc" })], {
      fs: windowsFs("stub"),
      platform: "win32",
    });
    expect(r.outcomes[0]).toMatchObject({ status: "failed" });
    expect(r.outcomes[0]?.detail).toMatch(/reported the symlink .* as made, but nothing is there/);
    expect(r.state.links).toEqual({});
  });

  it("on linux auto does not fall back: the refusal is reported as it is", async () => {
    const sb = sandbox({ "repo/bash/.bashrc": "A", "home/.keep": "" });
    const r = await run(sb, [auto(sb, { kind: "create", target: "home/.bashrc", source: "repo/bash/.bashrc" })], {
      fs: windowsFs("refuse"),
      platform: "linux",
    });
    expect(r.outcomes[0]).toMatchObject({ status: "failed" });
    expect(r.outcomes[0]?.detail).toMatch(/^EPERM/);
  });
});
