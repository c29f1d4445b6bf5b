// Observing the disk never changes it, uses only read calls, and does no per-link work that
// the link text or inode already decides.

import * as fs from "node:fs";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildManifest, hostFor } from "../helpers/manifest.js";
import { storedLinkText } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";
import { expand } from "../../src/expand/expand.js";
import { listSources, observe, observeTargets } from "../../src/observe/observe.js";
import { plan } from "../../src/plan/plan.js";
import type { FsRead } from "../../src/platform/fs.js";
import { emptyState } from "../../src/state/types.js";

const READ_METHODS = [
  "lstatSync",
  "statSync",
  "readlinkSync",
  "readdirSync",
  "realpathSync",
  "openSync",
  "readSync",
  "closeSync",
  "fstatSync",
  "readFileSync",
  "existsSync",
] as const;

// A read-only fs that counts calls and refuses any open that is not read-only.
function countingFs() {
  const calls: Record<string, number> = {};
  const out: Record<string, unknown> = {};
  for (const name of READ_METHODS) {
    const real = (fs as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    out[name] = (...args: unknown[]) => {
      calls[name] = (calls[name] ?? 0) + 1;
      if (name === "openSync" && args[1] !== "r") throw new Error(`open with flags ${String(args[1])}`);
      return real(...args);
    };
  }
  (out.realpathSync as { native?: unknown }).native = (p: string) => {
    calls.realpathSync = (calls.realpathSync ?? 0) + 1;
    return fs.realpathSync.native(p);
  };
  return { fs: out as unknown as FsRead, calls };
}

function mixedFarm() {
  const sb = sandbox({
    "repo/a": "A",
    "repo/b": "B",
    "repo/tree/x/y": "Y",
    "repo/tree/z": "Z",
    "repo/same": "S",
    "repo/dir/q": "Q",
    "home/b": { symlink: "/dangling/path" },
    "home/same": "S",
    "home/dir/keep": "K",
    "home/old": { symlink: "../repo/a" },
    "home/file-parent": "F",
  });
  // A FIFO at a target (POSIX only: on Windows that target is simply missing).
  if (process.platform !== "win32") execFileSync("mkfifo", [sb.p("home/fifo")]);
  const m = buildManifest({
    dir: sb.p("repo"),
    targetRoot: sb.home,
    links: [
      { source: "a", target: "a" },
      { source: "b", target: "b", relative: true },
      { source: "tree", target: "t", tree: true, type: "hardlink" },
      { source: "same", target: "same" },
      { source: "dir", target: "dir" },
      { source: "a", target: "fifo" },
      { source: "a", target: "file-parent/a" },
      { source: "a", target: "deep/er/a", mkdirs: true },
    ],
  });
  const state = {
    ...emptyState(m.file),
    links: { [sb.p("home/old")]: { type: "symlink" as const, source: sb.p("repo/a"), linkText: "../repo/a" } },
    dirs: [sb.p("home/gone")],
  };
  return { sb, m, state };
}

describe("observe", () => {
  it("observing and planning makes no change to the disk", () => {
    const { sb, m, state } = mixedFarm();
    const before = sb.snapshot();
    const { fs: ro } = countingFs();
    const { observation } = observe(m, state, { fs: ro, host: hostFor(sb.home) });
    const p = plan(m, observation, state);
    expect(p.summary.conflict + p.summary.error).toBeGreaterThan(0);
    expect(sb.snapshot()).toEqual(before);
  });

  it("uses only read-only file system calls", () => {
    const { sb, m, state } = mixedFarm();
    const { fs: ro, calls } = countingFs();
    const { diagnostics } = observe(m, state, { fs: ro, host: hostFor(sb.home) });
    expect(diagnostics).toEqual([]);
    expect(Object.keys(calls).every((k) => (READ_METHODS as readonly string[]).includes(k))).toBe(true);
  });

  it("an in-sync symlink farm costs about two calls per link (lstat, readlink): the walk listed the sources", () => {
    const tree: Record<string, string> = {};
    for (let d = 0; d < 10; d++) for (let f = 0; f < 30; f++) tree[`repo/pkg/d${d}/f${f}`] = `${d}/${f}`;
    const sb = sandbox(tree);
    for (let d = 0; d < 10; d++) {
      fs.mkdirSync(sb.p(`home/d${d}`), { recursive: true });
      for (let f = 0; f < 30; f++) fs.symlinkSync(sb.p(`repo/pkg/d${d}/f${f}`), sb.p(`home/d${d}/f${f}`));
    }
    const m = buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links: [{ source: "pkg", target: ".", tree: true }] });
    const { fs: ro, calls } = countingFs();
    const state = emptyState(m.file);
    const { observation } = observe(m, state, { fs: ro, host: hostFor(sb.home) });
    expect(plan(m, observation, state).summary.ok).toBe(300);
    const perLink = (calls.lstatSync! + calls.readlinkSync! + (calls.statSync ?? 0) + (calls.realpathSync ?? 0)) / 300;
    expect(perLink).toBeLessThan(2.2);
    // One lstat per target and a few per directory (parent chains), none per source.
    expect(calls.lstatSync!).toBeLessThan(300 + 40);
    expect(observation.targets.every((t) => t.source.kind === "file" && !("ino" in t.source))).toBe(true);
    expect(calls.openSync ?? 0).toBe(0);
  });

  it("decides every link as a probe of each source would: only the source's identity is left out", () => {
    const sb = sandbox({
      "repo/pkg/a": "A",
      "repo/pkg/b": "B",
      "repo/pkg/c": "C",
      "repo/pkg/d/e": "E",
      "repo/pkg/ln": { symlink: "a" },
      "repo/g/one/x": "X",
      "repo/g/two/y": "Y",
      "repo/plain": "P",
      "home/.keep": "",
      "home/f/b": "B",
      "home/f/c": { symlink: "/elsewhere/c" },
    });
    if (process.platform !== "win32") execFileSync("mkfifo", [sb.p("repo/pkg/fifo")]);
    fs.symlinkSync(sb.p("repo/pkg/a"), sb.p("home/f/a"));
    const m = buildManifest({
      dir: sb.p("repo"),
      targetRoot: sb.home,
      links: [
        { source: "pkg", target: "f", tree: true },
        { source: "pkg", target: "h", tree: true, type: "hardlink", mkdirs: true },
        { source: "g/*", target: "j/", type: "junction", mkdirs: true },
        { source: "plain", target: "f/plain" },
        { source: "g", target: "../repo/g/one/in", tree: true },
        { source: "plain", target: "../repo/pkg/d/e2" },
      ],
    });
    const state = emptyState(m.file);
    const host = hostFor(sb.home);
    const listed = listSources(m, { fs: fs as FsRead, host });
    const expanded = expand(m, listed.listings, host);
    const fast = observeTargets(m, state, expanded.desired, listed, { fs: fs as FsRead, host });
    const slow = observeTargets(m, state, expanded.desired, { dirs: listed.dirs, kinds: new Map() }, { fs: fs as FsRead, host });
    const decisions = (o: typeof fast.observation) =>
      plan(m, o, state).actions.map((a) => ({ ...a, ...("sourceObserved" in a ? { sourceObserved: a.sourceObserved.kind } : {}) }));
    expect(fast.diagnostics).toEqual(slow.diagnostics);
    expect(decisions(fast.observation)).toEqual(decisions(slow.observation));
    // Listed: symlinks and junctions over nothing or their own text; probed: the rest.
    const src = (rel: string) => fast.observation.targets.find((t) => t.target === sb.p(rel))!.source;
    expect(src("home/f/a")).toEqual({ kind: "file", realpath: sb.p("repo/pkg/a") });
    expect(src("home/f/d/e")).toEqual({ kind: "file", realpath: sb.p("repo/pkg/d/e") });
    expect(src("home/j/one")).toEqual({ kind: "dir", realpath: sb.p("repo/g/one") });
    expect(src("home/f/b")).toMatchObject({ kind: "file", ino: expect.any(Number) });
    expect(src("home/f/c")).toMatchObject({ kind: "file", ino: expect.any(Number) });
    expect(src("home/f/ln")).toMatchObject({ kind: "symlink", ino: expect.any(Number) });
    expect(src("home/h/a")).toMatchObject({ kind: "file", ino: expect.any(Number) });
    const codes = new Set(plan(m, fast.observation, state).actions.map((a) => a.reasonCode));
    expect([...codes]).toEqual(expect.arrayContaining(["in-place", "missing", "into-source-tree", "identical-file", "foreign-dangling-symlink"]));
    if (process.platform !== "win32") expect(codes).toContain("source-not-file-or-dir");
  });

  it("an empty HOME costs no call per target: nothing can be under a missing parent", () => {
    const tree: Record<string, string> = { "home/.keep": "" };
    for (let d = 0; d < 10; d++) for (let f = 0; f < 30; f++) tree[`repo/pkg/d${d}/f${f}`] = `${d}/${f}`;
    const sb = sandbox(tree);
    const m = buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links: [{ source: "pkg", target: ".", tree: true }] });
    const { fs: ro, calls } = countingFs();
    const state = emptyState(m.file);
    const { observation } = observe(m, state, { fs: ro, host: hostFor(sb.home) });
    const p = plan(m, observation, state);
    expect(p.summary.create).toBe(300);
    expect(p.actions.every((a) => a.kind === "create" && a.observed.kind === "missing")).toBe(true);
    // One lstat per source file, and a few per directory (parent chains), but none per target.
    expect(calls.lstatSync!).toBeLessThan(300 + 40);
    expect(calls.readlinkSync ?? 0).toBe(0);
  });

  it("compares content only for a regular file that is not the source's inode", () => {
    const sb = sandbox({ "repo/a": "A", "home/a": { hardlink: "repo/a" }, "home/b": "A" });
    const m = buildManifest({
      dir: sb.p("repo"),
      targetRoot: sb.home,
      links: [
        { source: "a", target: "a", type: "hardlink" },
        { source: "a", target: "b" },
      ],
    });
    const { fs: ro, calls } = countingFs();
    const { observation } = observe(m, emptyState(m.file), { fs: ro, host: hostFor(sb.home) });
    expect(observation.targets.map((t) => t.sameContent)).toEqual([undefined, true]);
    expect(calls.openSync).toBe(2);
  });

  it("records parent chains, source identity and what a wrong symlink resolves to", () => {
    const { sb, m, state } = mixedFarm();
    const { observation } = observe(m, state, { fs: fs as FsRead, host: hostFor(sb.home) });
    const t = (rel: string) => observation.targets.find((x) => x.target === sb.p(rel))!;
    expect(t("home/deep/er/a").parent).toMatchObject({ existing: sb.home, missing: [sb.p("home/deep"), sb.p("home/deep/er")] });
    expect(t("home/file-parent/a").parent.blockedBy).toBe(sb.p("home/file-parent"));
    expect(t("home/b").resolved).toEqual({ kind: "missing" });
    expect(t("home/dir").dirEmpty).toBe(false);
    expect(t("home/a").source).toMatchObject({ kind: "file", realpath: sb.p("repo/a") });
    expect(observation.prune).toEqual([
      { target: sb.p("home/old"), observed: expect.objectContaining({ kind: "symlink", text: storedLinkText("../repo/a") }) },
    ]);
    expect(observation.dirs).toEqual([{ path: sb.p("home/gone"), observed: { kind: "missing" } }]);
  });
});
