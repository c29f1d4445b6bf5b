// The planner is a pure function, and only src/platform/fs.ts touches node:fs.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, hostFor } from "../helpers/manifest.js";
import { sandbox } from "../helpers/sandbox.js";
import { observe } from "../../src/observe/observe.js";
import { plan } from "../../src/plan/plan.js";
import { realFsRead } from "../../src/platform/fs.js";
import { emptyState } from "../../src/state/types.js";

const SRC = path.resolve(import.meta.dirname, "../../src");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : [],
  );
}

describe("purity", () => {
  it("the same inputs give a deep-equal plan", () => {
    const sb = sandbox({ "repo/a": "A", "repo/t/x": "X", "repo/t/y": "Y", "home/a": "other", "home/t/x": { symlink: "/nope" } });
    const m = buildManifest({
      dir: sb.p("repo"),
      targetRoot: sb.home,
      links: [
        { source: "a", target: "a", conflict: "backup" },
        { source: "t", target: "t", tree: true },
      ],
    });
    const state = emptyState(m.file);
    const { observation } = observe(m, state, { fs: realFsRead, host: hostFor(sb.home) });
    const frozen = structuredClone(observation);
    const one = plan(m, observation, state);
    const two = plan(m, structuredClone(observation), structuredClone(state));
    expect(two).toEqual(one);
    expect(observation).toEqual(frozen);
    expect(one.actions.map((a) => a.target)).toEqual([sb.p("home/a"), sb.p("home/t/x"), sb.p("home/t/y")]);
    expect(JSON.parse(JSON.stringify(one))).toEqual(one);
  });

  it("the order of the target observations does not matter, nor one left out (a target that could not be looked at)", () => {
    const sb = sandbox({ "repo/t/x": "X", "repo/t/y": "Y", "repo/t/z": "Z", "home/t/y": { symlink: "/nope" } });
    const m = buildManifest({ dir: sb.p("repo"), targetRoot: sb.home, links: [{ source: "t", target: "t", tree: true }] });
    const state = emptyState(m.file);
    const { observation } = observe(m, state, { fs: realFsRead, host: hostFor(sb.home) });
    const one = plan(m, observation, state);
    expect(one.actions.map((a) => a.kind)).toEqual(["create", "conflict", "create"]);
    const reversed = plan(m, { ...observation, targets: [...observation.targets].reverse() }, state);
    expect(reversed).toEqual(one);
    const [x, , z] = observation.targets;
    const gap = plan(m, { ...observation, targets: [x!, z!] }, state);
    expect(gap.actions.map((a) => [a.target, a.kind])).toEqual([
      [sb.p("home/t/x"), "create"],
      [sb.p("home/t/z"), "create"],
    ]);
  });

  it("src/plan imports no node: module and uses neither fs nor process", () => {
    for (const file of filesUnder(path.join(SRC, "plan"))) {
      const text = fs.readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from\s+["']node:/);
      expect(text, file).not.toMatch(/\bfs\.|\bprocess\.|from\s+["'](fs|path|os)["']/);
    }
  });

  it("only src/platform/fs.ts imports node:fs (and the bin's code cache, which never touches the farm)", () => {
    const importers = filesUnder(SRC).filter((f) =>
      /(from|import)\s*\(?\s*["'](node:)?fs(\/promises)?["']/.test(fs.readFileSync(f, "utf8")),
    );
    expect(importers.map((f) => path.relative(SRC, f)).sort()).toEqual(["cli/compile-cache.ts", "platform/fs.ts"]);
  });
});
