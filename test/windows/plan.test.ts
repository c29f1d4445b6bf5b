// The pure planner on Windows inputs (win32 paths, volume serials, junction read-back), run on
// any machine through the platform adapter: plan(..., { platform: "win32" }).

import { describe, expect, it } from "vitest";
import { expand } from "../../src/expand/expand.js";
import { plan } from "../../src/plan/plan.js";
import type { LinkAction, RemoveAction } from "../../src/plan/types.js";
import { createProber } from "../../src/observe/probe.js";
import { realFsRead, type FsRead } from "../../src/platform/fs.js";
import { isGlobSource } from "../../src/manifest/glob-syntax.js";
import type { SourceObserved } from "../../src/observe/types.js";
import { emptyState, type State } from "../../src/state/types.js";
import {
  C,
  D,
  DOTS,
  HOME,
  desired,
  dirSource,
  entry,
  fileSource,
  junctionAt,
  manifest,
  observation,
  target,
} from "../helpers/win32.js";

const win = { platform: "win32" } as const;
const only = (p: ReturnType<typeof plan>) => p.actions[0] as LinkAction;

describe("planning for Windows", () => {
  it("a file symlink stores the absolute source, a relative one a backslashed relative path", () => {
    const abs = desired(`${DOTS}\\bash\\.bashrc`, `${HOME}\\.bashrc`);
    const rel = desired(`${DOTS}\\bash\\.bashrc`, `${HOME}\\.bashrc`, { relative: true });
    const src = fileSource(`${DOTS}\\bash\\.bashrc`);
    expect(only(plan(manifest(), observation([[abs, target(abs, src)]]), emptyState("m"), win))).toMatchObject({
      kind: "create",
      linkText: `${DOTS}\\bash\\.bashrc`,
    });
    expect(only(plan(manifest(), observation([[rel, target(rel, src)]]), emptyState("m"), win))).toMatchObject({
      kind: "create",
      linkText: "dots\\bash\\.bashrc",
    });
  });

  it("a junction stores the absolute source even with relative: true, and says relative is ignored", () => {
    const d = desired(`${DOTS}\\nvim`, `${HOME}\\AppData\\Local\\nvim`, { type: "junction", relative: true });
    const a = only(plan(manifest(), observation([[d, target(d, dirSource(`${DOTS}\\nvim`))]]), emptyState("m"), win));
    expect(a).toMatchObject({ kind: "create", type: "junction", linkText: `${DOTS}\\nvim` });
    expect(a.note).toMatch(/relative/);
    expect(a.note).not.toMatch(/directory symlink/);
  });

  it("a literal source name (glob: false) with glob characters, `\\` separating, is linked as written", () => {
    const src = `${DOTS}\\notes\\[x] (2){a,b}?*.md`;
    expect(isGlobSource(src, false)).toBe(false);
    const e = entry(0, src, `${HOME}\\notes.md`);
    const r = expand(manifest([e]), [{ entry: 0, kind: "file" }], { os: "win32", hostname: "pc", home: HOME, env: {} });
    const d = r.desired[0]!;
    expect(d.source).toBe(src);
    const a = only(plan(manifest([e]), observation([[d, target(d, fileSource(src))]]), emptyState("m"), win));
    expect(a).toMatchObject({ kind: "create", linkText: src });
  });

  it("a symlink source is linked as the symlink (dangling or not); a hard link to it is an error", () => {
    const src = `${DOTS}\\bin\\bat.exe`;
    const link: SourceObserved = { kind: "symlink", text: "C:\\gone\\bat.exe", dev: C, ino: 9, realpath: src, to: "missing" };
    const d = desired(src, `${HOME}\\bin\\bat.exe`);
    expect(only(plan(manifest(), observation([[d, target(d, link)]]), emptyState("m"), win))).toMatchObject({ kind: "create", linkText: src });
    const h = desired(src, `${HOME}\\bin\\bat.exe`, { type: "hardlink" });
    expect(only(plan(manifest(), observation([[h, target(h, link)]]), emptyState("m"), win))).toMatchObject({
      kind: "error",
      reasonCode: "hardlink-to-symlink-source",
    });
  });

  it("a junction to a file is an error", () => {
    const d = desired(`${DOTS}\\bash\\.bashrc`, `${HOME}\\.bashrc`, { type: "junction" });
    const a = only(plan(manifest(), observation([[d, target(d, fileSource(d.source))]]), emptyState("m"), win));
    expect(a).toMatchObject({ kind: "error", reasonCode: "junction-to-file" });
  });

  it("a junction read back with a \\\\?\\ prefix, other case or forward slashes is in place", () => {
    const d = desired(`${DOTS}\\nvim`, `${HOME}\\AppData\\Local\\nvim`, { type: "junction" });
    for (const text of [`\\\\?\\${DOTS}\\nvim`, `\\??\\${DOTS}\\nvim`, "c:/users/me/DOTS/nvim", `${DOTS}\\nvim\\`]) {
      const t = target(d, dirSource(d.source), junctionAt(text));
      expect(only(plan(manifest(), observation([[d, t]]), emptyState("m"), win)), text).toMatchObject({
        kind: "ok",
        reasonCode: "in-place",
      });
    }
  });

  it("on linux the same read-back text is not the desired text", () => {
    const d = desired(`${DOTS}\\nvim`, `${HOME}\\AppData\\Local\\nvim`, { type: "junction" });
    const t = target(d, dirSource(d.source), junctionAt(`\\\\?\\${DOTS}\\nvim`), {
      resolved: { kind: "dir", path: d.source },
    });
    expect(only(plan(manifest(), observation([[d, t]]), emptyState("m"))).kind).not.toBe("ok");
  });

  it("a symlink into the source root, read back with a prefix, is ours and repaired", () => {
    const d = desired(`${DOTS}\\bash\\.bashrc`, `${HOME}\\.bashrc`);
    const t = target(d, fileSource(d.source), junctionAt(`\\\\?\\${DOTS}\\old\\.bashrc`), {
      resolved: { kind: "file", path: `${DOTS}\\old\\.bashrc` },
    });
    expect(only(plan(manifest(), observation([[d, t]]), emptyState("m"), win))).toMatchObject({
      kind: "repair",
      reasonCode: "wrong-target",
    });
  });

  it("a target inside the source root, spelled in another case, is an error", () => {
    const d = desired(`${DOTS}\\bash\\.bashrc`, "c:\\users\\me\\DOTS\\.bashrc");
    const t = target(d, fileSource(d.source), { kind: "missing" }, { parent: { existing: "c:\\users\\me\\DOTS", existingReal: "c:\\users\\me\\DOTS", dev: C, missing: [] } });
    expect(only(plan(manifest(), observation([[d, t]]), emptyState("m"), win))).toMatchObject({
      kind: "error",
      reasonCode: "into-source-tree",
    });
  });

  it("a hard link across volumes is predicted from the volume serials, naming both volumes", () => {
    const d = desired(`${DOTS}\\bin\\tool.exe`, "D:\\bin\\tool.exe", { type: "hardlink" });
    const cross = target(d, fileSource(d.source, C), { kind: "missing" }, {
      parent: { existing: "D:\\bin", existingReal: "D:\\bin", dev: D, missing: [] },
      mounts: { source: "C:\\", target: "D:\\" },
    });
    expect(only(plan(manifest(), observation([[d, cross]]), emptyState("m"), win))).toMatchObject({
      kind: "error",
      reasonCode: "cross-device",
      reason: "cross-device: C:\\ and D:\\",
    });
    const same = target(d, fileSource(d.source, C), { kind: "missing" }, {
      parent: { existing: "D:\\bin", existingReal: "D:\\bin", dev: C, missing: [] },
    });
    expect(only(plan(manifest(), observation([[d, same]]), emptyState("m"), win)).kind).toBe("create");
  });

  it("prune removes a junction whose read-back text carries the \\\\?\\ prefix", () => {
    const old = `${HOME}\\AppData\\Local\\old`;
    const state: State = {
      ...emptyState("m"),
      links: { [old]: { type: "junction", source: `${DOTS}\\old`, linkText: `${DOTS}\\old` } },
    };
    const obs = observation([], { prune: [{ target: old, observed: junctionAt(`\\\\?\\${DOTS}\\old`) }] });
    const remove = (platform?: string) =>
      plan(manifest(), obs, state, platform ? { platform } : {}).actions[0] as RemoveAction;
    expect(remove("win32")).toMatchObject({ kind: "remove" });
    expect(remove()).toMatchObject({ kind: "forget", reasonCode: "changed-since-made" });
  });
});

describe("duplicate targets on Windows", () => {
  const m = manifest([
    entry(0, `${DOTS}\\bash\\.bashrc`, "C:\\Users\\Me\\.bashrc"),
    entry(1, `${DOTS}\\other\\.bashrc`, "c:/users/me/.BASHRC"),
  ]);
  const listings = [
    { entry: 0, kind: "file" as const },
    { entry: 1, kind: "file" as const },
  ];
  const host = (os: string) => ({ os, hostname: "pc", home: HOME, env: {} });

  it("targets that differ only in case and slashes are one target on win32", () => {
    const r = expand(m, listings, host("win32"));
    expect(r.desired).toHaveLength(1);
    expect(r.diagnostics).toMatchObject([{ code: "duplicate-target", line: 14, col: 13 }]);
  });

  it("and two targets on linux", () => {
    const r = expand(m, listings, host("linux"));
    expect(r.desired).toHaveLength(2);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("observing a junction", () => {
  // Only what this machine cannot do is faked: lstat says "symbolic link" for a junction, and
  // readlink returns its absolute text.
  const junctionFs = {
    ...realFsRead,
    lstatSync: () => ({
      dev: C,
      ino: 7,
      nlink: 1,
      size: 0,
      mtimeMs: 0,
      isFile: () => false,
      isDirectory: () => false,
      isSymbolicLink: () => true,
      isFIFO: () => false,
      isSocket: () => false,
      isBlockDevice: () => false,
      isCharacterDevice: () => false,
    }),
    readlinkSync: () => `\\\\?\\${DOTS}\\nvim`,
  } as unknown as FsRead;

  it("reads back as a symlink with an absolute text, which plans as ok", () => {
    const at = `${HOME}\\AppData\\Local\\nvim`;
    const observed = createProber(junctionFs, "win32").path(at);
    expect(observed).toEqual({ kind: "symlink", text: `\\\\?\\${DOTS}\\nvim`, dev: C, ino: 7 });
    const d = desired(`${DOTS}\\nvim`, at, { type: "junction" });
    const a = only(plan(manifest(), observation([[d, target(d, dirSource(d.source), observed)]]), emptyState("m"), win));
    expect(a).toMatchObject({ kind: "ok", type: "junction" });
  });
});
