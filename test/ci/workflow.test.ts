// .github/workflows/ci.yml cannot run here: keep it valid. Parsed with `yaml`, its jobs, matrix
// and steps are checked against what the project promises (the README's npm ci + npm test on
// three OSes and three Node versions, the bench at 1k with flags bench/run.mjs accepts).

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../helpers/cli.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  "runs-on": string;
  strategy?: { "fail-fast"?: boolean; matrix: Record<string, unknown[]> };
  steps: Step[];
}
const text = fs.readFileSync(path.join(REPO_ROOT, ".github", "workflows", "ci.yml"), "utf8");
const wf = parse(text) as { name: string; on: Record<string, unknown>; jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));

describe(".github/workflows/ci.yml", () => {
  it("has exactly the test and bench jobs, with the keys GitHub requires", () => {
    expect(Object.keys(wf.jobs).sort()).toEqual(["bench", "test"]);
    expect(Object.keys(wf.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect(typeof job["runs-on"], name).toBe("string");
      expect(job.steps.length, name).toBeGreaterThan(0);
      for (const s of job.steps) expect(Boolean(s.uses) !== Boolean(s.run), `${name}: a step has uses or run`).toBe(true);
    }
  });

  it("tests on ubuntu, macos and windows with Node 20, 22 and 24, without cancelling the others on a failure", () => {
    const t = wf.jobs.test!;
    expect(t["runs-on"]).toBe("${{ matrix.os }}");
    expect(t.strategy?.matrix.os).toEqual(["ubuntu-latest", "macos-latest", "windows-latest"]);
    expect(t.strategy?.matrix.node).toEqual([20, 22, 24]);
    expect(t.strategy?.["fail-fast"]).toBe(false);
    const setup = t.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(setup?.with?.["node-version"]).toBe("${{ matrix.node }}");
  });

  it("runs the README's test command: npm ci, then npm test, after checkout", () => {
    const t = wf.jobs.test!;
    const order = t.steps.map((s) => s.uses?.split("@")[0] ?? s.run?.trim());
    expect(order.indexOf("actions/checkout")).toBeLessThan(order.indexOf("npm ci"));
    expect(runs(t).filter((r) => r.startsWith("npm"))).toEqual(["npm ci", "npm test"]);
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    expect(readme).toMatch(/npm ci(?:\s*&&|\s*\n)\s*npm test/);
  });

  it("runs the bench at 1,000 links with flags bench/run.mjs accepts", () => {
    const b = wf.jobs.bench!;
    const cmd = runs(b).find((r) => r.startsWith("node bench/run.mjs"));
    expect(cmd).toMatch(/--sizes 1000\b/);
    const bench = fs.readFileSync(path.join(REPO_ROOT, "bench", "run.mjs"), "utf8");
    for (const flag of cmd!.match(/--[a-z-]+/g) ?? []) expect(bench, flag).toContain(`${JSON.stringify(flag.slice(2)).replace(/^"([a-z]+)"$/, "$1")}: {`);
    expect(runs(b)).toContain("npm run build");
  });

  it("pins every action to a major version", () => {
    const uses = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    for (const u of uses) expect(u).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });
});
