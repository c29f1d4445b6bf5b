// README.md → Install (the library): `import { loadManifest, observe, plan, apply } from "linkfarm"` is the same
// engine as the CLI. Exercised from the source and from the built bundle (dist/index.js).
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as lib from "../src/index.js";
import { REPO_ROOT } from "./helpers/cli.js";
import { sandbox } from "./helpers/sandbox.js";

const MANIFEST = `version: 1
source: .
target: ../home
links:
  - source: bashrc
    target: .bashrc
  - source: notes.txt
    target: notes.txt
    type: hardlink
`;

async function roundTrip(api: typeof lib) {
  const sb = sandbox({ "dots/linkfarm.yaml": MANIFEST, "dots/bashrc": "A=1\n", "dots/notes.txt": "n\n" });
  const host = { ...api.readHostFacts(sb.env), home: sb.home };
  const loaded = await api.loadManifest({ cwd: sb.p("dots"), host });
  expect(loaded.diagnostics).toEqual([]);
  const manifest = loaded.manifest!;
  const stateFile = api.stateFilePath(manifest.file, host);
  const read = api.readState(stateFile, manifest.file, api.realFsRead);
  if (!("state" in read)) throw new Error("state");

  const { observation } = api.observe(manifest, read.state, { fs: api.realFsRead, host });
  const p = api.plan(manifest, observation, read.state);
  expect(p.summary.create).toBe(2);
  // The CLI's pipeline (listSources → expand → observeTargets → plan) gives the same plan.
  const piped = api.observeAndPlan(manifest, read.state, { fs: api.realFsRead, host });
  expect(piped.plan).toEqual(api.plan(manifest, observation, read.state, { platform: host.os, symlinks: api.symlinkRights(host) }));
  expect(api.isBlocked(p)).toBe(false);

  const result = await api.apply(p, {
    fs: api.realFs,
    state: read.state,
    stateFile,
    manifestDir: manifest.dir,
    hooks: manifest.hooks,
    platform: host.os,
  });
  expect(result.ok).toBe(true);
  expect(sb.readlink("home/.bashrc")).toBe(sb.p("dots/bashrc"));
  expect(sb.ino("home/notes.txt")).toBe(sb.ino("dots/notes.txt"));

  const again = api.readState(stateFile, manifest.file, api.realFsRead);
  if (!("state" in again)) throw new Error("state");
  const second = api.plan(manifest, api.observe(manifest, again.state, { fs: api.realFsRead, host }).observation, again.state);
  expect(second.summary.ok).toBe(2);
  expect(api.hasChanges(second)).toBe(false);
  expect(JSON.parse(api.renderJson(second)).formatVersion).toBe(1);
}

describe("the library", () => {
  it("loadManifest → observe → plan → apply makes the links, from src/", async () => {
    await roundTrip(lib);
  });

  it("the built bundle exports the same engine", async () => {
    const built = (await import(pathToFileURL(path.join(REPO_ROOT, "dist", "index.js")).href)) as typeof lib;
    for (const name of ["loadManifest", "observe", "plan", "apply", "renderText", "renderJson", "renderMarkdown"]) {
      expect(typeof (built as Record<string, unknown>)[name]).toBe("function");
    }
    await roundTrip(built);
  });
});
