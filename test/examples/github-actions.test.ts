// examples/ci/github-actions.yml: its plan steps, run as GitHub runs them (bash -eo pipefail),
// against the real linkfarm: drift and errors fail the step with a clear message, a clean plan
// passes, and the job summary gets a valid GFM table.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BIN, REPO_ROOT } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";
import { posixOnly } from "../helpers/posix.js";

interface Step {
  name?: string;
  run?: string;
}
const workflow = parse(fs.readFileSync(path.join(REPO_ROOT, "examples/ci/github-actions.yml"), "utf8")) as {
  jobs: Record<string, { steps: Step[] }>;
};
const step = (job: string, name: RegExp): string => workflow.jobs[job]!.steps.find((s) => name.test(s.name ?? ""))!.run!;

// The cells of a table row, split at pipes that are not escaped (GFM splits inside code spans too).
function cells(row: string): string[] {
  return row.replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/);
}

// A GFM table: header, delimiter row, then rows with the header's column count.
function gfmTableProblems(md: string): string[] {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  if (start < 0) return ["no table"];
  const rows: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith("|"); i++) rows.push(lines[i]!);
  const problems: string[] = [];
  if (start > 0 && lines[start - 1] !== "") problems.push("no blank line before the table");
  const width = cells(rows[0]!).length;
  if (rows.length < 3) problems.push("a header and a delimiter row, and at least one row");
  if (!/^\|( *:?-+:? *\|)+$/.test(rows[1] ?? "")) problems.push(`bad delimiter row: ${rows[1]}`);
  rows.forEach((r, i) => {
    if (!r.endsWith("|")) problems.push(`row ${i} does not end with |`);
    if (cells(r).length !== width) problems.push(`row ${i} has ${cells(r).length} cells, not ${width}`);
  });
  return problems;
}

function setup(manifest: string) {
  const sb = sandbox({
    "repo/linkfarm.yaml": manifest,
    "repo/bash/bashrc": "A=1\n",
    "repo/git/config": "[user]\n",
    "repo/odd|name": "pipes survive\n",
    "runner/summary.md": "",
  });
  const bin = sb.p("bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "linkfarm"), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
  // The drift job runs `npx --yes linkfarm ...`; here that is the built binary too.
  fs.writeFileSync(path.join(bin, "npx"), `#!/bin/sh\nshift 2\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: sb.p("runner-home"),
    RUNNER_TEMP: sb.root,
    GITHUB_STEP_SUMMARY: sb.p("runner/summary.md"),
  };
  const run = (script: string, extra: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: sb.p("repo"), env: { ...env, ...extra } }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
      );
    });
  return { sb, run, summary: () => sb.read("runner/summary.md") };
}

const MANIFEST = `version: 1
links:
  - { source: bash/bashrc, target: .bashrc }
  - { source: git/config, target: .config/git/config }
  - { source: "odd|name", target: "odd|name" }
`;

describe.skipIf(posixOnly("the example workflow's steps run under bash -eo pipefail"))("examples/ci/github-actions.yml", () => {
  it("drift: the plan step fails with a clear message and the summary holds a valid table", async () => {
    const { run, summary } = setup(MANIFEST);
    const r = await run(step("check", /^Plan/));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error title=linkfarm drift::");
    expect(summary()).toContain("Plan: 3 to create");
    expect(gfmTableProblems(summary())).toEqual([]);
    expect(summary().split("\n").filter((l) => l.startsWith("| `+`"))).toHaveLength(3);
  });

  it("in sync after the apply step: the plan step passes and says so", async () => {
    const { sb, run, summary } = setup(MANIFEST);
    expect((await run(step("check", /^Apply/))).code).toBe(0);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/bashrc"));
    const r = await run(step("check", /^Plan/));
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain("in sync");
    expect(summary()).toMatch(/^\*\*No changes\.\*\* 3 links in place\.\n$/);
  });

  it("an invalid manifest fails the step as 'failed', not as drift", async () => {
    const { run } = setup("version: 1\nlinks: [ { source: x } ]\n");
    const r = await run(step("check", /^Plan/));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error title=linkfarm failed::linkfarm plan exited 1");
    expect(r.stderr).toMatch(/linkfarm\.yaml:\d+:\d+/);
  });

  it("the self-hosted drift job plans against the real HOME and fails on drift", async () => {
    const { sb, run, summary } = setup(MANIFEST);
    const r = await run(step("drift", /^Plan/), { HOME: sb.home, LINKFARM_STATE_DIR: sb.stateDir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error title=linkfarm drift::");
    expect(gfmTableProblems(summary())).toEqual([]);
  });
});
