// writeFileAtomic: the one temp + fsync + rename writer (saved plans and the state file). On
// any failure the temp sibling is gone and the old file is untouched.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { realFs, realFsRead, realpathOr, writeFileAtomic, type FsWrite } from "../../src/platform/fs.js";
import { writeStateFile } from "../../src/state/write.js";
import { emptyState } from "../../src/state/types.js";
import { sandbox } from "../helpers/sandbox.js";

// The real file system, failing every write into a file (a full disk).
const diskFull: FsWrite = {
  ...realFs,
  writeSync: (() => {
    throw Object.assign(new Error("ENOSPC: simulated full disk"), { code: "ENOSPC" });
  }) as FsWrite["writeSync"],
};

describe("writeFileAtomic", () => {
  it("writes the bytes with the mode and leaves no temp sibling", () => {
    const sb = sandbox({ "d/old.txt": "old\n" });
    writeFileAtomic(realFs, sb.p("d/plan.json"), "{}\n", 0o600);
    expect(sb.read("d/plan.json")).toBe("{}\n");
    expect(fs.readdirSync(sb.p("d")).sort()).toEqual(["old.txt", "plan.json"]);
    if (process.platform !== "win32") expect(fs.statSync(sb.p("d/plan.json")).mode & 0o777).toBe(0o600);
  });

  it("a failed write removes the temp sibling and keeps the old file", () => {
    const sb = sandbox({ "d/plan.json": "old\n" });
    expect(() => writeFileAtomic(diskFull, sb.p("d/plan.json"), "new\n", 0o644)).toThrow(/ENOSPC/);
    expect(fs.readdirSync(sb.p("d"))).toEqual(["plan.json"]);
    expect(sb.read("d/plan.json")).toBe("old\n");
  });

  it("a failed rename (a directory in the way) removes the temp sibling and leaves the directory as it was", () => {
    const sb = sandbox({ "d/plan.json/keep": "mine\n" });
    expect(() => writeFileAtomic(realFs, sb.p("d/plan.json"), "new\n", 0o644)).toThrow();
    expect(fs.readdirSync(sb.p("d"))).toEqual(["plan.json"]);
    expect(sb.read("d/plan.json/keep")).toBe("mine\n");
  });

  it("the state file uses it: a failed write leaves no temp beside the state file", () => {
    const sb = sandbox({ "st/state.json": "{}\n" });
    const state = emptyState("/m/linkfarm.yaml");
    expect(() => writeStateFile(sb.p("st/state.json"), state, diskFull)).toThrow(/ENOSPC/);
    expect(fs.readdirSync(sb.p("st"))).toEqual(["state.json"]);
    expect(sb.read("st/state.json")).toBe("{}\n");
  });
});

describe("realpathOr", () => {
  it("resolves a path through a symlinked directory", () => {
    const sb = sandbox({ "real/dir/x": "x", "via": { symlink: "real" } });
    expect(realpathOr(realFsRead, sb.p("via/dir"))).toBe(fs.realpathSync(sb.p("real/dir")));
  });

  it("gives the path as written when it does not resolve", () => {
    const sb = sandbox({});
    expect(realpathOr(realFsRead, sb.p("missing/dir"))).toBe(sb.p("missing/dir"));
  });
});
