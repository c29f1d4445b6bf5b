// Entries expand into per-file desired links: trees, globs, `when`, `optional`, duplicates.

import { describe, expect, it } from "vitest";
import { buildManifest, hostFor, observeAndPlan, type EntrySpec } from "../helpers/manifest.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";
import { expand } from "../../src/expand/expand.js";
import { whenHolds } from "../../src/manifest/when.js";

function farm(tree: Tree) {
  const sb = sandbox(tree);
  const manifest = (links: EntrySpec[], ignore: string[] = []) =>
    buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links, ignore });
  return { sb, manifest };
}

describe("tree entries", () => {
  it("a tree makes one link per file, honouring ignore globs, with real directories between", () => {
    const { sb, manifest } = farm({
      "repo/bin/a": "A",
      "repo/bin/sub/b": "B",
      "repo/bin/.DS_Store": "junk",
      "repo/bin/.git/config": "junk",
      "repo/bin/sub/notes.bak": "junk",
      "repo/bin/link": { symlink: "a" },
    });
    const m = manifest([{ source: "bin", target: ".local/bin", tree: true }], ["**/.git/**", "**/.DS_Store", "bin/sub/*.bak"]);
    const r = observeAndPlan(m);
    expect(r.diagnostics).toEqual([]);
    expect(r.observation.desired.map((d) => [d.source, d.target])).toEqual([
      [sb.p("repo/bin/a"), sb.p("home/.local/bin/a")],
      [sb.p("repo/bin/link"), sb.p("home/.local/bin/link")],
      [sb.p("repo/bin/sub/b"), sb.p("home/.local/bin/sub/b")],
    ]);
    expect(r.link(sb.p("home/.local/bin/sub/b")).mkdirs).toEqual([
      sb.p("home/.local"),
      sb.p("home/.local/bin"),
      sb.p("home/.local/bin/sub"),
    ]);
  });

  it("several tree entries may share a target directory; only identical final targets are duplicates", () => {
    const { sb, manifest } = farm({ "repo/p1/.bashrc": "1", "repo/p1/.x": "x", "repo/p2/.bashrc": "2", "repo/p2/.y": "y" });
    const m = manifest([
      { source: "p1", target: ".", tree: true },
      { source: "p2", target: ".", tree: true },
    ]);
    const r = observeAndPlan(m);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "duplicate-target", file: m.file, line: 14, col: 13 });
    expect(r.diagnostics[0]?.message).toContain(`${m.file}:11:13`);
    expect(r.diagnostics[0]?.message).toContain(`${m.file}:14:13`);
    expect(r.observation.desired.map((d) => d.target)).toEqual([
      sb.p("home/.bashrc"),
      sb.p("home/.x"),
      sb.p("home/.y"),
    ]);
  });
});

describe("duplicate targets", () => {
  it("a position-less manifest (a JS config: line 0) names the file alone, as the manifest rules do", () => {
    const { manifest } = farm({ "repo/p1/.x": "1", "repo/p2/.x": "2" });
    const m = manifest([
      { source: "p1", target: ".", tree: true },
      { source: "p2", target: ".", tree: true },
    ]);
    const noPos = { ...m, links: m.links.map((e) => ({ ...e, targetPos: { file: m.file, line: 0, col: 0 } })) };
    const listings = noPos.links.map((e) => ({ entry: e.index, kind: "dir" as const, files: [".x"] }));
    const r = expand(noPos, listings, hostFor(m.targetRoot));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toEqual(expect.objectContaining({ code: "duplicate-target", file: m.file }));
    expect(r.diagnostics[0]).not.toHaveProperty("line");
    expect(r.diagnostics[0]?.message).not.toContain(":0:0");
  });
});

describe("plain entries", () => {
  it("a tree entry whose source is a file is one link; a directory target takes the source's name", () => {
    const { sb, manifest } = farm({ "repo/one": "1", "repo/two": "2" });
    const r = observeAndPlan(manifest([
      { source: "one", target: "one", tree: true },
      { source: "two", target: "bin/" },
    ]));
    expect(r.observation.desired.map((d) => d.target)).toEqual([sb.p("home/one"), sb.p("home/bin/two")]);
  });
});

describe("glob entries", () => {
  it("a glob links each match into a target directory", () => {
    const { sb, manifest } = farm({ "repo/fonts/a.ttf": "a", "repo/fonts/b.ttf": "b", "repo/fonts/c.otf": "c", "repo/fonts/sub/d.ttf": "d" });
    const r = observeAndPlan(manifest([{ source: "fonts/*.ttf", target: ".local/share/fonts/" }]));
    expect(r.observation.desired.map((d) => d.target)).toEqual([
      sb.p("home/.local/share/fonts/a.ttf"),
      sb.p("home/.local/share/fonts/b.ttf"),
    ]);
  });

  it("a globstar links files at any depth, ignore applied", () => {
    const { sb, manifest } = farm({ "repo/fonts/a.ttf": "a", "repo/fonts/sub/d.ttf": "d", "repo/fonts/.git/x.ttf": "no" });
    const r = observeAndPlan(manifest([{ source: "fonts/**/*.ttf", target: "f/" }], ["**/.git/**"]));
    expect(r.observation.desired.map((d) => d.source)).toEqual([sb.p("repo/fonts/a.ttf"), sb.p("repo/fonts/sub/d.ttf")]);
  });

  it("a glob matching several files into a target that is one file is an error at the target", () => {
    const { manifest } = farm({ "repo/fonts/a.ttf": "a", "repo/fonts/b.ttf": "b" });
    const m = manifest([{ source: "fonts/*.ttf", target: "font.ttf" }]);
    const r = observeAndPlan(m);
    expect(r.diagnostics).toMatchObject([{ code: "glob-into-file", file: m.file, line: 11, col: 13 }]);
    expect(r.plan.actions).toEqual([]);
  });

  it("a glob without ** links matching directories whole, into the target directory", () => {
    const { sb, manifest } = farm({ "repo/config/nvim/init.lua": "x", "repo/config/git/config": "y", "repo/config/.hidden": "z" });
    const r = observeAndPlan(manifest([{ source: "config/*", target: ".config/" }]));
    expect(r.observation.desired.map((d) => [d.source, d.target])).toEqual([
      [sb.p("repo/config/git"), sb.p("home/.config/git")],
      [sb.p("repo/config/nvim"), sb.p("home/.config/nvim")],
    ]);
  });

  it("a glob matching one file may target a file", () => {
    const { sb, manifest } = farm({ "repo/fonts/a.ttf": "a" });
    const r = observeAndPlan(manifest([{ source: "fonts/*.ttf", target: "font.ttf" }]));
    expect(r.observation.desired.map((d) => [d.source, d.target])).toEqual([[sb.p("repo/fonts/a.ttf"), sb.p("home/font.ttf")]]);
  });

  it("a glob matching nothing is skipped when optional and a glob-no-match error otherwise", () => {
    const { sb, manifest } = farm({ "repo/fonts/.keep": "" });
    expect(observeAndPlan(manifest([{ source: "fonts/*.ttf", target: "f/", optional: true }])).plan.actions).toEqual([]);
    const r = observeAndPlan(manifest([{ source: "fonts/*.ttf", target: "f/" }]));
    expect(r.plan.actions).toMatchObject([{ kind: "error", reasonCode: "glob-no-match", source: sb.p("repo/fonts/*.ttf") }]);
  });
});

describe("when", () => {
  const host = hostFor("/home/me", { os: "linux", hostname: "work-laptop", env: { CI: "1", EMPTY: "", SHELL: "/usr/bin/zsh" } });

  it("os, host and env clauses all must hold", () => {
    expect(whenHolds(undefined, host)).toBe(true);
    expect(whenHolds({ os: ["linux", "darwin"] }, host)).toBe(true);
    expect(whenHolds({ os: ["darwin"] }, host)).toBe(false);
    expect(whenHolds({ host: ["work-*"] }, host)).toBe(true);
    expect(whenHolds({ host: ["home-*"] }, host)).toBe(false);
    expect(whenHolds({ env: { CI: "*" } }, host)).toBe(true);
    expect(whenHolds({ env: { EMPTY: "*" } }, host)).toBe(false);
    expect(whenHolds({ env: { UNSET: "*" } }, host)).toBe(false);
    expect(whenHolds({ env: { SHELL: "*zsh" } }, host)).toBe(true);
    expect(whenHolds({ env: { SHELL: "*bash" } }, host)).toBe(false);
    expect(whenHolds({ os: ["linux"], host: ["work-*"], env: { CI: "*", UNSET: "*" } }, host)).toBe(false);
  });

  it("a link whose `when` is false is not desired and its source is not even listed", () => {
    const m = buildManifest({
      dir: "/nonexistent/repo",
      targetRoot: "/home/me",
      links: [{ source: "a", target: "a", when: { os: ["win32"] } }],
    });
    expect(expand(m, [], host)).toEqual({ desired: [], diagnostics: [] });
  });
});
