import { describe, expect, it } from "vitest";
import { discover } from "../../src/manifest/discover.js";
import { loadManifest } from "../../src/manifest/load.js";
import { realFsRead } from "../../src/platform/fs.js";
import { sandbox } from "../helpers/sandbox.js";

const MANIFEST = "version: 1\nlinks:\n  .bashrc: bash/.bashrc\n";

// Every search stays inside the sandbox: the walk stops at the sandbox's HOME.
function find(sb: { home: string }, cwd: string, config?: string) {
  return discover({ cwd, home: sb.home, fs: realFsRead, ...(config !== undefined ? { config } : {}) });
}

describe("the manifest is found by cosmiconfig from the working directory upward", () => {
  it("finds linkfarm.yaml from a subdirectory", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": MANIFEST, "home/dots/a/b/.keep": "" });
    const r = await find(sb, sb.p("home/dots/a/b"));
    expect(r.found).toEqual({ filepath: sb.p("home/dots/linkfarm.yaml"), kind: "yaml" });
  });

  it("prefers the nearest directory", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": MANIFEST, "home/dots/a/.linkfarmrc": MANIFEST });
    const r = await find(sb, sb.p("home/dots/a"));
    expect(r.found?.filepath).toBe(sb.p("home/dots/a/.linkfarmrc"));
  });

  it("takes linkfarm.yaml before package.json in the same directory", async () => {
    const sb = sandbox({
      "home/dots/package.json": JSON.stringify({ name: "x", linkfarm: { version: 1 } }),
      "home/dots/linkfarm.yaml": MANIFEST,
    });
    expect((await find(sb, sb.p("home/dots"))).found?.kind).toBe("yaml");
  });

  it("reads the `linkfarm` key of package.json", async () => {
    const sb = sandbox({
      "home/dots/package.json": JSON.stringify({ name: "x", linkfarm: { version: 1, links: { ".x": "x" } } }, null, 2),
    });
    const r = await find(sb, sb.p("home/dots"));
    expect(r.found).toEqual({ filepath: sb.p("home/dots/package.json"), kind: "package-json" });
  });

  it("skips a package.json without the `linkfarm` key and keeps searching upward", async () => {
    const sb = sandbox({
      "home/dots/linkfarm.yml": MANIFEST,
      "home/dots/app/package.json": JSON.stringify({ name: "app" }),
    });
    expect((await find(sb, sb.p("home/dots/app"))).found?.filepath).toBe(sb.p("home/dots/linkfarm.yml"));
  });

  it("finds .linkfarmrc.json, .config/linkfarmrc.yaml and linkfarm.config.mjs", async () => {
    const sb = sandbox({
      "home/a/.linkfarmrc.json": '{"version": 1}',
      "home/b/.config/linkfarmrc.yaml": MANIFEST,
      "home/c/linkfarm.config.mjs": "export default { version: 1 };\n",
    });
    expect((await find(sb, sb.p("home/a"))).found?.kind).toBe("json");
    expect((await find(sb, sb.p("home/b"))).found?.filepath).toBe(sb.p("home/b/.config/linkfarmrc.yaml"));
    expect((await find(sb, sb.p("home/c"))).found?.kind).toBe("js");
  });

  it("-c FILE overrides the search, relative to the working directory", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": MANIFEST, "home/dots/other.yaml": MANIFEST });
    const r = await find(sb, sb.p("home/dots"), "other.yaml");
    expect(r.found?.filepath).toBe(sb.p("home/dots/other.yaml"));
  });

  it("-c with a missing file is config-not-found naming the path", async () => {
    const sb = sandbox();
    const r = await find(sb, sb.home, "nope.yaml");
    expect(r.diagnostics).toMatchObject([{ code: "config-not-found" }]);
    expect(r.diagnostics?.[0]?.message).toContain(sb.p("home/nope.yaml"));
  });

  it("no manifest is config-not-found naming the directory and suggesting `linkfarm init`", async () => {
    const sb = sandbox({ "home/empty/.keep": "" });
    const r = await find(sb, sb.p("home/empty"));
    expect(r.diagnostics).toMatchObject([{ code: "config-not-found" }]);
    const message = r.diagnostics?.[0]?.message ?? "";
    expect(message).toContain(sb.p("home/empty"));
    expect(message).toContain("linkfarm.yaml");
    expect(message).toContain("linkfarm init");
  });

  it("an empty linkfarm.yaml is found and reported, not skipped", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": "" });
    const r = await loadManifest({
      cwd: sb.p("home/dots"),
      host: { os: process.platform, hostname: "h", home: sb.home, env: {} },
    });
    expect(r.diagnostics).toMatchObject([{ code: "wrong-type", file: sb.p("home/dots/linkfarm.yaml"), line: 1, col: 1 }]);
  });
});

describe("several manifests in one directory", () => {
  it("says which one was used and which were ignored (a warning); -q hides it; -c says nothing", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const sb = sandbox({
      "home/dots/linkfarm.yaml": "version: 1\nlinks: []\n",
      "home/dots/.linkfarmrc": "version: 1\nlinks: []\n",
      "home/dots/package.json": JSON.stringify({ name: "x", linkfarm: { version: 1 } }),
      "home/other/linkfarm.yaml": "version: 1\nlinks: []\n",
      "home/other/package.json": JSON.stringify({ name: "no linkfarm key here" }),
    });
    const cwd = sb.p("home/dots");
    const host = { os: process.platform, hostname: "box", home: sb.home, env: { HOME: sb.home } };
    const r = await loadManifest({ cwd, host });
    expect(r.manifest?.file).toBe(sb.p("home/dots/linkfarm.yaml"));
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([["config-ignored", "warning", sb.p("home/dots/linkfarm.yaml")]]);
    expect(r.diagnostics[0]!.message).toContain(".linkfarmrc, package.json#linkfarm");

    for (const cmd of ["validate", "plan", "status"]) {
      const loud = await runCli([cmd], { cwd, env: sb.env });
      expect(loud.code, cmd).toBe(0);
      expect(loud.stderr, cmd).toMatch(/linkfarm\.yaml: warning: .*ignored beside it: \.linkfarmrc, package\.json#linkfarm/);
      const quiet = await runCli([cmd, "-q"], { cwd, env: sb.env });
      expect({ code: quiet.code, stderr: quiet.stderr }, cmd).toEqual({ code: 0, stderr: "" });
    }
    const chosen = await runCli(["validate", "-c", ".linkfarmrc"], { cwd, env: sb.env });
    expect(chosen.stderr).toBe("");
    // A package.json without the key is not a manifest.
    const alone = await loadManifest({ cwd: sb.p("home/other"), host });
    expect(alone.diagnostics).toEqual([]);
  });
});
