// Fuzz: mutated manifests through `validate` and `plan` (in-process). Every outcome is exit 0
// with a plan, or exit 1 with a clean message: FILE:LINE:COL or a sentence naming a path;
// never "internal error", never a stack trace. Alias bombs and deep nesting must finish.
// LINKFARM_DEEP=1 runs thousands of cases.

import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it, onTestFinished } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";
import { aliasBomb, BASES, mutate, mutationArb } from "../helpers/mutate.js";

const DEEP = process.env.LINKFARM_DEEP === "1";
const RUNS = Number(process.env.LINKFARM_RUNS ?? (DEEP ? 5000 : 250));
const SEED = Number(process.env.LINKFARM_SEED ?? 4242);

function farm() {
  return sandbox({
    "repo/bash/.bashrc": "export A=1\n",
    "repo/nvim/init.lua": "-- nvim\n",
    "repo/bin/tool": "#!/bin/sh\n",
    "repo/fonts/a.ttf": "font\n",
  });
}

// The first line of a clean error: `FILE:LINE:COL: ...`, `FILE: ...`, or a sentence with a path.
function cleanError(r: CliResult, file: string): string | undefined {
  if (/internal error|^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) return "internal error or stack trace";
  if (r.code !== 1) return `exit ${r.code}`;
  const first = r.stderr.split("\n")[0] ?? "";
  const base = path.basename(file);
  if (first.includes(`${base}:`) || first.includes("/") || first.includes(path.sep)) return undefined;
  return `error names no file or path: ${JSON.stringify(first)}`;
}

async function check(root: string, env: Record<string, string>, name: string, text: string): Promise<void> {
  const file = path.join(root, "repo", name);
  fs.writeFileSync(file, text);
  const v = await runCli(["validate", "-c", file], { cwd: path.join(root, "repo"), env });
  if (v.code !== 0) {
    const why = cleanError(v, file);
    if (why) throw new Error(`validate: ${why}\n--- stderr\n${v.stderr.slice(0, 2000)}`);
  }
  const p = await runCli(["plan", "--json", "-c", file], { cwd: path.join(root, "repo"), env });
  if (p.stdout !== "") {
    // A plan (exit 0, or 1 when it holds errors or conflicts) is one JSON document.
    const doc = JSON.parse(p.stdout) as { formatVersion: number };
    if (doc.formatVersion !== 1 || (p.code !== 0 && p.code !== 1)) throw new Error(`plan: bad plan, exit ${p.code}`);
    if (v.code !== 0) throw new Error(`validate said invalid but plan planned\n${v.stderr}`);
    if (/internal error/.test(p.stderr)) throw new Error(`plan: ${p.stderr}`);
    return;
  }
  const why = cleanError(p, file);
  if (why) throw new Error(`plan: ${why}\n--- stderr\n${p.stderr.slice(0, 2000)}`);
}

describe("manifest fuzzing: validate and plan give a plan or a clean error", () => {
  it(`mutated manifests (${RUNS} cases, seed ${SEED})`, async () => {
    const sb = farm();
    const names = Object.keys(BASES);
    // A process warning would reach the user as a raw "(node:PID) Warning:" line.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    onTestFinished(() => void process.off("warning", onWarning));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (name, ms) => {
        const text = ms.reduce(mutate, BASES[name]!);
        await check(sb.root, sb.env, name, text);
      }),
      { numRuns: RUNS, seed: SEED, ...(process.env.LINKFARM_PATH ? { path: process.env.LINKFARM_PATH } : {}) },
    );
    await new Promise((ok) => setTimeout(ok, 10));
    expect(warnings).toEqual([]);
  }, DEEP ? 3_600_000 : 300_000);

  it("every base manifest is valid before mutation", async () => {
    const sb = farm();
    for (const [name, text] of Object.entries(BASES)) {
      const r = await runCli(["validate", "-c", name], { cwd: sb.p("repo"), env: sb.env });
      fs.writeFileSync(sb.p(`repo/${name}`), text);
      const v = await runCli(["validate", "-c", name], { cwd: sb.p("repo"), env: sb.env });
      expect(r.code).toBe(1); // not written yet: a clean "not found"
      expect(v, name).toMatchObject({ code: 0, stderr: "" });
    }
  });

  it("an alias bomb (billion laughs) is refused quickly with a clean error", async () => {
    const sb = farm();
    for (const text of [`version: 1\n${aliasBomb()}\nlinks: []\n`, `${aliasBomb()}\nversion: 1\nlinks: *a9\n`]) {
      fs.writeFileSync(sb.p("repo/linkfarm.yaml"), text);
      for (const cmd of ["validate", "plan"]) {
        const r = await runCli([cmd], { cwd: sb.p("repo"), env: sb.env });
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/linkfarm\.yaml: YAML: Excessive alias count/);
      }
    }
  });

  it("nesting up to 20,000 levels deep (flow and block, as keys too) is a clean error, not a crash", async () => {
    const sb = farm();
    const texts: string[] = [];
    for (const n of [100, 1000, 5000, 20_000]) {
      texts.push(`version: 1\nlinks: ${"[".repeat(n)}${"]".repeat(n)}\n`);
      texts.push(`version: 1\ndefaults: ${"{a: ".repeat(n)}1${"}".repeat(n)}\n`);
      texts.push(`version: 1\nlinks: ${"{? ".repeat(n)}1${"}".repeat(n)}\n`);
      if (n <= 5000) texts.push(`version: 1\nlinks:\n${Array.from({ length: n }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}x\n`);
    }
    for (const text of texts) {
      fs.writeFileSync(sb.p("repo/linkfarm.yaml"), text);
      const r = await runCli(["validate"], { cwd: sb.p("repo"), env: sb.env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^linkfarm\.yaml:\d+:\d+: /);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});
