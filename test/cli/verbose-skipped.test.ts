// -v shows each entry that makes no link here on purpose (a `when` that does not hold, an
// optional entry whose source is missing), one line each with why; without -v nothing.

import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import { observe } from "../../src/observe/observe.js";
import { skippedEntries } from "../../src/plan/skipped.js";
import { realFsRead } from "../../src/platform/fs.js";
import { emptyState } from "../../src/state/types.js";
import { runCli } from "../helpers/cli.js";
import { slashes } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

const OTHER_OS = process.platform === "win32" ? "linux" : "win32";
const YAML = `version: 1
links:
  - { source: a, target: .a }
  - { source: a, target: .only-other-os, when: { os: [${OTHER_OS}] } }
  - { source: a, target: .only-ci, when: { env: LINKFARM_TEST_NOT_SET } }
  - { source: gone, target: .optional, optional: true }
  - { source: "fonts/*.ttf", target: .fonts/, optional: true }
`;

function farm() {
  return sandbox({ "repo/linkfarm.yaml": YAML, "repo/a": "a\n" });
}

describe("-v: links skipped by `when` or `optional`", () => {
  it("names each with its reason code", async () => {
    const sb = farm();
    const host = { os: process.platform, hostname: "box", home: sb.home, env: { HOME: sb.home } };
    const loaded = await loadManifest({ cwd: sb.p("repo"), host });
    const observed = observe(loaded.manifest!, emptyState(loaded.manifest!.file), { host, fs: realFsRead });
    const skipped = skippedEntries(loaded.manifest!, observed.observation.desired, host);
    expect(skipped.map((s) => [s.entry.index, s.reasonCode])).toEqual([
      [1, "when-false"],
      [2, "when-false"],
      [3, "optional-missing"],
      [4, "optional-missing"],
    ]);
  });

  it("plan -v prints one line per skipped entry, with why; plan without -v prints none", async () => {
    const sb = farm();
    const v = await runCli(["plan", "-v"], { cwd: sb.p("repo"), env: sb.env });
    expect(v.code).toBe(0);
    const lines = slashes(v.stdout).split("\n").filter((l) => l.includes("(skipped: "));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`~/\\.only-other-os .*os is ${OTHER_OS}; this machine is ${process.platform}`));
    expect(lines[1]).toMatch(/~\/\.only-ci .*LINKFARM_TEST_NOT_SET must be set and non-empty; it is unset/);
    expect(lines[2]).toMatch(/~\/\.optional .*optional: source .*gone is missing/);
    expect(lines[3]).toMatch(/~\/\.fonts .*matches nothing/);
    const plain = await runCli(["plan"], { cwd: sb.p("repo"), env: sb.env });
    expect(plain.stdout).not.toContain("skipped");
  });

  it("apply -v prints them too (and apply without -v does not); the link that is declared here is made", async () => {
    const sb = farm();
    const v = await runCli(["apply", "-v"], { cwd: sb.p("repo"), env: sb.env });
    expect(v.code).toBe(0);
    expect(v.stdout.split("\n").filter((l) => l.includes("(skipped: "))).toHaveLength(4);
    expect(sb.exists("home/.a")).toBe(true);
    const again = await runCli(["apply"], { cwd: sb.p("repo"), env: sb.env });
    expect(again.stdout).not.toContain("skipped");
  });
});
