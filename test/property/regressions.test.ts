// Plain regression tests for counter-examples the property and fuzz tests found. Each one
// failed before its fix.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

describe("regressions found by property tests", () => {
  it("a directory linkfarm created that becomes a link target is replaced, not also pruned (was: stale)", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": 'version: 1\nlinks:\n  - { source: "g/*", target: d/ }\n',
      "repo/g/x": "x\n",
      "repo/f": "f\n",
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.writeFileSync(sb.p("repo/linkfarm.yaml"), "version: 1\nlinks:\n  - { source: f, target: d }\n");
    const r = await cli(sb, "apply", "--conflict", "backup");
    expect(r.stdout).not.toContain("stale");
    expect(r.code).toBe(0);
    expect(sb.readlink("home/d")).toBe(sb.p("repo/f"));
    const again = await cli(sb, "plan", "--json");
    expect(JSON.parse(again.stdout).summary).toMatchObject({ create: 0, repair: 0, replace: 0, remove: 0 });
  });
});

describe("adopt", () => {
  it("two targets with different contents adopted into one source: no content is lost", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: f, target: a }\n  - { source: f, target: b }\n",
      "repo/f": "source\n",
      "home/a": "content of a\n",
      "home/b": "content of b\n",
    });
    const before = sb.snapshot();
    const r = await cli(sb, "apply", "--conflict", "adopt");
    // The second adopt into the same source stays a conflict: the plan is blocked, nothing changes.
    expect(r.code).toBe(1);
    expect(sb.snapshot()).toEqual(before);
    const after = new Set(Object.values(sb.snapshot()).flatMap((e) => (e.kind === "file" ? [e.sha] : [])));
    const want = sandbox({ x: "content of a\n", y: "content of b\n" }).snapshot();
    for (const e of Object.values(want)) if (e.kind === "file") expect(after.has(e.sha), r.stdout).toBe(true);
  });
});

describe("an apply does not make its own plan stale", () => {
  // Convergence, seed 20260501: adopt wrote into f0 in place; t0, a hard link of f0 repaired
  // in the same plan, then looked modified ("stale: ~/t0: file was modified"), exit 1.
  it("an adopt into a source, and a repair of another name of that same file", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml":
        "version: 1\nlinks:\n  - { source: f0, target: t0 }\n  - { source: f0, target: sub/t4, conflict: adopt }\n",
      "repo/f0": "source\n",
      "home/sub/t4": "the user's longer content\n",
    });
    fs.linkSync(sb.p("repo/f0"), sb.p("home/t0"));
    const r = await cli(sb, "apply");
    expect(r.stdout).not.toContain("stale");
    expect(r.code).toBe(0);
    expect(sb.read("repo/f0")).toBe("the user's longer content\n");
    expect(sb.readlink("home/t0")).toBe(sb.p("repo/f0"));
    expect(sb.readlink("home/sub/t4")).toBe(sb.p("repo/f0"));
    const again = await cli(sb, "plan", "--json");
    expect(JSON.parse(again.stdout).summary).toMatchObject({ create: 0, repair: 0, replace: 0, conflict: 0 });
  });
});

describe("regressions found by manifest fuzzing", () => {
  it("a collection used as a mapping key prints no raw Node warning; the manifest is invalid", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  ? [a, b]\n  : c\n" });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const r = await cli(sb, "validate");
      await new Promise((ok) => setTimeout(ok, 10)); // emitWarning is delivered on a later tick
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^linkfarm\.yaml:\d+:\d+: /);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it("`version: 1e400` is reported as Infinity, not null", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1e400\nlinks: []\n" });
    const r = await cli(sb, "validate");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^linkfarm\.yaml:1:10: `version` must be 1, not Infinity /);
  });
});
