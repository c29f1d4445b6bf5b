import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import type { HostFacts } from "../../src/manifest/types.js";
import { tilde } from "../helpers/posix.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

function host(sb: Sandbox, env: Record<string, string> = {}): HostFacts {
  return { os: process.platform, hostname: "box", home: sb.home, env: { HOME: sb.home, ...env } };
}

async function load(sb: Sandbox, rel: string, env: Record<string, string> = {}) {
  return loadManifest({ cwd: sb.p(rel), host: host(sb, env) });
}

describe("the manifest resolves to absolute paths with every option filled in", () => {
  it("accepts the map form `links: { target: source }`", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": "version: 1\nlinks:\n  .bashrc: bash/.bashrc\n  .config/nvim: nvim\n" });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toEqual([]);
    const file = sb.p("home/dots/linkfarm.yaml");
    expect(r.manifest?.links).toMatchObject([
      {
        index: 0,
        source: sb.p("home/dots/bash/.bashrc"),
        target: sb.p("home/.bashrc"),
        type: "symlink",
        pos: { file, line: 3, col: 3 },
        targetPos: { file, line: 3, col: 3 },
        sourcePos: { file, line: 3, col: 12 },
      },
      { index: 1, source: sb.p("home/dots/nvim"), target: sb.p("home/.config/nvim") },
    ]);
  });

  it("fills in defaults; a link's own options win; roots resolve against the manifest's directory and HOME", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": [
        "version: 1",
        "source: files",
        "defaults: { type: hardlink, conflict: backup }",
        "links:",
        "  - { source: a, target: .a }",
        "  - { source: b, target: .b, type: symlink, relative: true, mkdirs: false }",
        "",
      ].join("\n"),
    });
    const r = await load(sb, "home/dots");
    const m = r.manifest!;
    expect(m.sourceRoot).toBe(sb.p("home/dots/files"));
    expect(m.targetRoot).toBe(sb.home);
    expect(m.dir).toBe(sb.p("home/dots"));
    expect(m.ignore).toEqual(["**/.git/**", "**/.DS_Store"]);
    expect(m.prune).toBe(true);
    expect(m.hooks).toEqual({ before: [], after: [] });
    expect(m.links).toMatchObject([
      { source: sb.p("home/dots/files/a"), type: "hardlink", relative: false, mkdirs: true, conflict: "backup", tree: false, optional: false },
      { source: sb.p("home/dots/files/b"), type: "symlink", relative: true, mkdirs: false, conflict: "backup" },
    ]);
  });

  it("marks glob sources, targets ending in / and normalises `when`", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": [
        "version: 1",
        "links:",
        '  - { source: "fonts/*.ttf", target: .fonts/ }',
        "  - source: ssh/config",
        "    target: .ssh/config",
        "    when: { os: linux, host: [work-*, lab], env: CI }",
        "  - source: x",
        "    target: .x",
        "    when: { env: { TERM: xterm* } }",
        "",
      ].join("\n"),
    });
    const m = (await load(sb, "home/dots")).manifest!;
    expect(m.links[0]).toMatchObject({ sourceIsGlob: true, targetIsDir: true, target: sb.p("home/.fonts") });
    expect(m.links[1]).toMatchObject({ sourceIsGlob: false, targetIsDir: false });
    expect(m.links[1]!.when).toEqual({ os: ["linux"], host: ["work-*", "lab"], env: { CI: "*" } });
    expect(m.links[2]!.when).toEqual({ env: { TERM: "xterm*" } });
  });

  it("expands ${VAR:-default}, $VAR and ~ in sources, targets and roots", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": [
        "version: 1",
        "target: ${LF_TARGET:-~/t}",
        "links:",
        "  - source: $LF_SRC/a",
        "    target: ${XDG_CONFIG_HOME:-.config}/a",
        "  - source: ~/abs",
        "    target: ~",
        "",
      ].join("\n"),
    });
    const m = (await load(sb, "home/dots", { LF_SRC: "pkg" })).manifest!;
    expect(m.targetRoot).toBe(sb.p("home/t"));
    expect(m.links[0]).toMatchObject({ source: sb.p("home/dots/pkg/a"), target: sb.p("home/t/.config/a") });
    expect(m.links[1]).toMatchObject({ source: sb.p("home/abs"), target: sb.home });
  });

  it("hashes the file's bytes with sha256", async () => {
    const text = "version: 1\nlinks: {}\n";
    const sb = sandbox({ "home/dots/linkfarm.yaml": text });
    const m = (await load(sb, "home/dots")).manifest!;
    expect(m.hash).toBe(createHash("sha256").update(text).digest("hex"));
    expect(m.file).toBe(sb.p("home/dots/linkfarm.yaml"));
  });
});

describe("every manifest problem is reported, all at once, at FILE:LINE:COL", () => {
  it("reports two problems in one manifest", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": "version: 1\nlinks:\n  - source: a\n    target: .a\n    mkdirs: 1\n  - source: b\n    target: .b\n    tree: nope\n",
    });
    const r = await load(sb, "home/dots");
    expect(r.manifest).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ["wrong-type", 5, 13],
      ["wrong-type", 8, 11],
    ]);
  });

  it("a duplicate target names both lines", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": "version: 1\nlinks:\n  - source: a\n    target: .bashrc\n  - source: b\n    target: ~/.bashrc\n",
    });
    const r = await load(sb, "home/dots");
    const file = sb.p("home/dots/linkfarm.yaml");
    expect(r.diagnostics).toMatchObject([{ code: "duplicate-target", file, line: 6, col: 13 }]);
    expect(r.diagnostics[0]!.message).toContain(`${file}:4:13`);
    expect(r.diagnostics[0]!.message).toContain(tilde(".bashrc"));
  });

  it("links with different `when` may share a target", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yaml": [
        "version: 1",
        "links:",
        "  - { source: a-linux, target: .a, when: { os: linux } }",
        "  - { source: a-mac, target: .a, when: { os: darwin } }",
        "",
      ].join("\n"),
    });
    expect((await load(sb, "home/dots")).diagnostics).toEqual([]);
  });

  it("an unset variable is named, at its line and the column of its `$`", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": 'version: 1\nlinks:\n  "${LF_NOPE}/x": bash/.bashrc\n' });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toMatchObject([{ code: "unset-variable", line: 3, col: 3 }]);
    expect(r.diagnostics[0]!.message).toContain("LF_NOPE");
  });

  it("a target root inside the source root is target-in-source", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": "version: 1\ntarget: out\nlinks: {}\n" });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toMatchObject([{ code: "target-in-source", line: 2, col: 9 }]);
  });

  it("positions JSON manifests too", async () => {
    const sb = sandbox({
      "home/dots/.linkfarmrc.json": '{\n  "version": 1,\n  "links": [\n    { "source": "a", "target": ".a", "type": "soft" }\n  ]\n}\n',
    });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toMatchObject([{ code: "bad-value", line: 4, col: 46 }]);
  });

  it("a JSON syntax error is json-syntax with its line", async () => {
    const sb = sandbox({ "home/dots/.linkfarmrc.json": '{\n  "version": 1,,\n}\n' });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toMatchObject([{ code: "json-syntax", line: 2, col: 16 }]);
  });

  it("positions the `linkfarm` key of package.json", async () => {
    const sb = sandbox({
      "home/dots/package.json": '{\n  "name": "dots",\n  "linkfarm": {\n    "version": 1,\n    "linsk": {}\n  }\n}\n',
    });
    const r = await load(sb, "home/dots");
    expect(r.diagnostics).toMatchObject([{ code: "unknown-key", line: 5, col: 5 }]);
    expect(r.diagnostics[0]!.message).toContain('did you mean "links"');
  });

  it("loads a JS config; its problems name the file without a line", async () => {
    const sb = sandbox({
      "home/a/linkfarm.config.mjs": 'export default { version: 1, links: { ".x": "x" } };\n',
      "home/b/linkfarm.config.cjs": 'module.exports = { version: 1, links: [{ source: "x" }] };\n',
    });
    const ok = await load(sb, "home/a");
    expect(ok.manifest?.links).toMatchObject([{ source: sb.p("home/a/x"), target: sb.p("home/.x") }]);
    const bad = await load(sb, "home/b");
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({ code: "missing-key", file: sb.p("home/b/linkfarm.config.cjs") }),
    ]);
    expect(bad.diagnostics[0]!.line).toBeUndefined();
  });

  it("a JS config that throws is js-config", async () => {
    const sb = sandbox({ "home/a/linkfarm.config.js": 'throw new Error("boom");\n' });
    const r = await load(sb, "home/a");
    expect(r.diagnostics).toMatchObject([{ code: "js-config", file: sb.p("home/a/linkfarm.config.js") }]);
  });

  it("README's example manifest is valid", async () => {
    const sb = sandbox();
    const r = await loadManifest({
      cwd: sb.root,
      config: fileURLToPath(new URL("../fixtures/manifests/good-spec-example.yaml", import.meta.url)),
      host: { ...host(sb), home: sb.home },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.manifest?.links).toHaveLength(5);
  });
});
