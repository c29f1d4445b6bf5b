// The state file: where it lives, missing means "nothing made yet", corrupt is an error.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { hostFor } from "../helpers/manifest.js";
import { sandbox } from "../helpers/sandbox.js";
import { readState, stateFilePath } from "../../src/state/read.js";
import { realFsRead } from "../../src/platform/fs.js";
import { emptyState } from "../../src/state/types.js";

describe("stateFilePath", () => {
  const manifest = "/home/me/dotfiles/linkfarm.yaml";
  it("uses $LINKFARM_STATE_DIR first, named after the manifest directory and a hash of its path", () => {
    const p = stateFilePath(manifest, hostFor("/home/me", { env: { LINKFARM_STATE_DIR: "/s", XDG_STATE_HOME: "/x" } }));
    expect(p).toMatch(/^\/s\/dotfiles-[0-9a-f]{12}\.json$/);
  });
  it("then $XDG_STATE_HOME/linkfarm, then ~/.local/state/linkfarm", () => {
    expect(stateFilePath(manifest, hostFor("/home/me", { env: { XDG_STATE_HOME: "/x" } }))).toMatch(/^\/x\/linkfarm\/dotfiles-/);
    expect(stateFilePath(manifest, hostFor("/home/me", { env: {} }))).toMatch(/^\/home\/me\/\.local\/state\/linkfarm\/dotfiles-/);
  });
  it("--state overrides, and different manifests get different files", () => {
    expect(stateFilePath(manifest, hostFor("/home/me"), "/tmp/st.json")).toBe("/tmp/st.json");
    const h = hostFor("/home/me", { env: {} });
    expect(stateFilePath(manifest, h)).not.toBe(stateFilePath("/other/dotfiles/linkfarm.yaml", h));
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
