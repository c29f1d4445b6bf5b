// The applier on a real sandbox with the platform adapter configured as Windows. Faked: only
// fs.symlinkSync, to record the type argument Windows needs (Linux ignores it) and to refuse
// like Windows without Developer Mode (EPERM). Everything else is the real disk.

import { describe, expect, it } from "vitest";
import { realFs, type FsWrite } from "../../src/platform/fs.js";
import { linkAction, run } from "../helpers/apply-plans.js";
import { sandbox } from "../helpers/sandbox.js";

type SymlinkType = "file" | "dir" | "junction" | null | undefined;

// realFs with symlinkSync recording (path → type) and optionally refusing with EPERM.
function windowsFs(refuse = false): { fs: FsWrite; types: Map<string, SymlinkType> } {
  const types = new Map<string, SymlinkType>();
  const fs: FsWrite = {
    ...realFs,
    symlinkSync: ((text: string, at: string, type?: SymlinkType) => {
      types.set(at, type);
      if (refuse) throw Object.assign(new Error(`EPERM: operation not permitted, symlink '${text}' -> '${at}'`), { code: "EPERM" });
      realFs.symlinkSync(text, at);
    }) as FsWrite["symlinkSync"],
  };
  return { fs, types };
}

describe("apply on Windows", () => {
  it("makes a file symlink with type file, a directory symlink with dir, a junction with junction", async () => {
    const sb = sandbox({ "repo/bash/.bashrc": "A", "repo/nvim/init.lua": "B", "repo/vim/vimrc": "C", "home/.keep": "" });
    const { fs, types } = windowsFs();
    const actions = [
      linkAction(sb, { kind: "create", target: "home/.bashrc", source: "repo/bash/.bashrc" }),
      linkAction(sb, { kind: "create", target: "home/nvim", source: "repo/nvim" }),
      linkAction(sb, { kind: "create", target: "home/vim", source: "repo/vim", type: "junction" }),
    ];
    const r = await run(sb, actions, { fs, platform: "win32" });
    expect(r.ok).toBe(true);
    expect(Object.fromEntries(types)).toEqual({
      [sb.p("home/.bashrc")]: "file",
      [sb.p("home/nvim")]: "dir",
      [sb.p("home/vim")]: "junction",
    });
    expect(sb.readlink("home/vim")).toBe(sb.p("repo/vim"));
    expect(r.state.links[sb.p("home/vim")]).toMatchObject({ type: "junction", linkText: sb.p("repo/vim") });
  });

  it("a symlink source is linked as the symlink: a directory symlink when it leads to a directory, else a file symlink", async () => {
    const sb = sandbox({
      "repo/shared/vim/vimrc": "C",
      "repo/pkg/.vim": { symlink: "../shared/vim" },
      "repo/pkg/bat": { symlink: "C:\\Program Files\\bat\\bat.exe" },
      "home/.keep": "",
    });
    const { fs, types } = windowsFs();
    const actions = [
      linkAction(sb, { kind: "create", target: "home/.vim", source: "repo/pkg/.vim" }),
      linkAction(sb, { kind: "create", target: "home/bat", source: "repo/pkg/bat" }),
    ];
    expect(actions.map((a) => a.sourceObserved)).toMatchObject([
      { kind: "symlink", to: "dir" },
      { kind: "symlink", to: "missing" },
    ]);
    const r = await run(sb, actions, { fs, platform: "win32" });
    expect(r.ok).toBe(true);
    expect(Object.fromEntries(types)).toEqual({ [sb.p("home/.vim")]: "dir", [sb.p("home/bat")]: "file" });
    expect(sb.readlink("home/bat")).toBe(sb.p("repo/pkg/bat"));
  });

  it("a repair goes through a temporary sibling with the same type", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "B", "home/nvim": { symlink: "/gone" } });
    const { fs, types } = windowsFs();
    const r = await run(sb, [linkAction(sb, { kind: "repair", target: "home/nvim", source: "repo/nvim" })], {
      fs,
      platform: "win32",
    });
    expect(r.ok).toBe(true);
    expect([...types.values()]).toEqual(["dir"]);
    expect([...types.keys()][0]).toMatch(/\.nvim\.linkfarm-tmp-/);
    expect(sb.readlink("home/nvim")).toBe(sb.p("repo/nvim"));
  });

  it("a hard link is a hard link (mklink /H), no symlink involved", async () => {
    const sb = sandbox({ "repo/bin/tool": "T", "home/.keep": "" });
    const { fs, types } = windowsFs(true);
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/tool", source: "repo/bin/tool", type: "hardlink" })], {
      fs,
      platform: "win32",
    });
    expect(r.ok).toBe(true);
    expect(types.size).toBe(0);
    expect(sb.ino("home/tool")).toBe(sb.ino("repo/bin/tool"));
  });

  it("EPERM on a symlink fails the action with the Developer Mode explanation and changes nothing", async () => {
    const sb = sandbox({ "repo/bash/.bashrc": "A", "repo/nvim/init.lua": "B", "home/.keep": "" });
    const { fs } = windowsFs(true);
    const before = sb.snapshot();
    const r = await run(
      sb,
      [
        linkAction(sb, { kind: "create", target: "home/.bashrc", source: "repo/bash/.bashrc" }),
        linkAction(sb, { kind: "create", target: "home/nvim", source: "repo/nvim" }),
      ],
      { fs, platform: "win32" },
    );
    expect(r.ok).toBe(false);
    expect(r.outcomes.map((o) => o.status)).toEqual(["failed", "failed"]);
    const [file, dir] = r.outcomes.map((o) => o.detail ?? "");
    expect(file).toContain(sb.p("home/.bashrc"));
    expect(file).toMatch(/Developer Mode/);
    expect(file).toMatch(/type: hardlink/);
    expect(dir).toContain(sb.p("home/nvim"));
    expect(dir).toMatch(/type: junction/);
    expect(sb.snapshot()).toEqual(before);
    expect(r.state.links).toEqual({});
  });

  it("EPERM on a repair leaves the old link in place and no temporary name behind", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "B", "home/nvim": { symlink: "/gone" } });
    const { fs } = windowsFs(true);
    const before = sb.snapshot();
    const r = await run(sb, [linkAction(sb, { kind: "repair", target: "home/nvim", source: "repo/nvim" })], {
      fs,
      platform: "win32",
    });
    expect(r.outcomes[0]).toMatchObject({ status: "failed" });
    expect(r.outcomes[0]?.detail).toMatch(/type: junction/);
    expect(sb.snapshot()).toEqual(before);
  });

  it("on linux the same refusal is reported as it is", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "B", "home/.keep": "" });
    const { fs, types } = windowsFs(true);
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/nvim", source: "repo/nvim" })], {
      fs,
      platform: "linux",
    });
    expect(r.outcomes[0]).toMatchObject({ status: "failed" });
    expect(r.outcomes[0]?.detail).toMatch(/^EPERM/);
    expect([...types.values()]).toEqual([undefined]);
  });
});
