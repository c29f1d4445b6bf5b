// The state file: where it lives, missing means "nothing made yet", corrupt is an error.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { hostFor } from "../helpers/manifest.js";
import { sandbox } from "../helpers/sandbox.js";
import { readState, stateFilePath } from "../../src/state/read.js";
import { realFsRead } from "../../src/platform/fs.js";
import { emptyState } from "../../src/state/types.js";

describe("stateFilePath", () => {
  // Absolute on this platform (`/home/me` is `C:\home\me` on Windows, drive of the cwd).
  const abs = (p: string) => path.resolve(p);
  const home = abs("/home/me");
  const manifest = path.join(home, "dotfiles", "linkfarm.yaml");
  // The file's directory, and its name: `dotfiles-<12 hex>.json`.
  const parts = (p: string) => [path.dirname(p), path.basename(p)];
  const NAME = /^dotfiles-[0-9a-f]{12}\.json$/;
  it("uses $LINKFARM_STATE_DIR first, named after the manifest directory and a hash of its path", () => {
    const p = stateFilePath(manifest, hostFor(home, { env: { LINKFARM_STATE_DIR: abs("/s"), XDG_STATE_HOME: abs("/x") } }));
    expect(parts(p)).toEqual([abs("/s"), expect.stringMatching(NAME)]);
  });
  it("then $XDG_STATE_HOME/linkfarm, then ~/.local/state/linkfarm", () => {
    expect(parts(stateFilePath(manifest, hostFor(home, { env: { XDG_STATE_HOME: abs("/x") } })))).toEqual([
      path.join(abs("/x"), "linkfarm"),
      expect.stringMatching(NAME),
    ]);
    expect(parts(stateFilePath(manifest, hostFor(home, { env: {} })))).toEqual([
      path.join(home, ".local", "state", "linkfarm"),
      expect.stringMatching(NAME),
    ]);
  });
  it("--state overrides, and different manifests get different files", () => {
    const st = path.join(os.tmpdir(), "st.json");
    expect(stateFilePath(manifest, hostFor(home), st)).toBe(st);
    const h = hostFor(home, { env: {} });
    expect(stateFilePath(manifest, h)).not.toBe(stateFilePath(abs("/other/dotfiles/linkfarm.yaml"), h));
  });
});

describe("readState", () => {
  it("a missing state file means nothing made yet", () => {
    const sb = sandbox();
    expect(readState(sb.p("state/x.json"), "/m.yaml", realFsRead)).toEqual({ state: emptyState("/m.yaml") });
  });

  it("reads a valid state file", () => {
    const state = {
      ...emptyState("/m.yaml"),
      links: { "/h/a": { type: "hardlink", source: "/r/a", dev: 1, ino: 2, madeAt: "2024-01-01T00:00:00Z" } },
      dirs: ["/h/d"],
      backups: [{ target: "/h/b", backup: "/h/b.linkfarm-bak" }],
    };
    const sb = sandbox({ "state/s.json": JSON.stringify(state) });
    expect(readState(sb.p("state/s.json"), "/m.yaml", realFsRead)).toEqual({ state });
  });

  const corrupt: [string, string][] = [
    ["invalid JSON", "{ not json"],
    ["a wrong formatVersion", JSON.stringify({ ...emptyState("/m"), formatVersion: 2 })],
    ["links that are not an object", JSON.stringify({ ...emptyState("/m"), links: [] })],
    ["a link with an unknown type", JSON.stringify({ ...emptyState("/m"), links: { "/a": { type: "copy", source: "/s" } } })],
    ["dirs that are not an array", JSON.stringify({ ...emptyState("/m"), dirs: "/x" })],
    ["backups without paths", JSON.stringify({ ...emptyState("/m"), backups: [{}] })],
    ["a top level that is not an object", "[]"],
  ];
  for (const [what, text] of corrupt) {
    it(`a state file with ${what} is state-corrupt, naming the file, never reset`, () => {
      const sb = sandbox({ "state/s.json": text });
      const r = readState(sb.p("state/s.json"), "/m", realFsRead);
      expect(r).toMatchObject({ diagnostics: [{ code: "state-corrupt", severity: "error", file: sb.p("state/s.json") }] });
      expect("diagnostics" in r && r.diagnostics[0]?.message).toContain(sb.p("state/s.json"));
      expect(fs.readFileSync(sb.p("state/s.json"), "utf8")).toBe(text);
    });
  }

  it("an unreadable state path is state-unreadable", () => {
    const sb = sandbox({ "state/dir/x": "" });
    expect(readState(sb.p("state/dir"), "/m", realFsRead)).toMatchObject({ diagnostics: [{ code: "state-unreadable" }] });
  });
});
