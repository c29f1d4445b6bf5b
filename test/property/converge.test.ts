// Property: for generated manifests over generated disks, plan changes nothing, apply
// converges (plan then shows no changes, a second apply is a no-op), no bytes are lost, and
// unlink --restore puts back what was there. Seeded: a failure prints its seed and path;
// rerun with LINKFARM_SEED=<seed> (and LINKFARM_PATH=<path>) to replay the shrunk case.
// LINKFARM_DEEP=1 runs thousands of cases.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCase } from "../helpers/converge.js";
import { scenarioArb } from "../helpers/gen.js";

const DEEP = process.env.LINKFARM_DEEP === "1";
const RUNS = Number(process.env.LINKFARM_RUNS ?? (DEEP ? 3000 : 300));
const SEED = Number(process.env.LINKFARM_SEED ?? 20260501);

describe("convergence properties (real disk, in-process CLI)", () => {
  it(`plan is read-only, apply converges, no byte is lost, unlink --restore restores (${RUNS} cases, seed ${SEED})`, async () => {
    const stats = { applied: 0, blocked: 0 };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const r = await runCase(sc);
        if (r.applied) stats.applied++;
        if (r.blocked) stats.blocked++;
        for (const k of r.seen) seen.add(k);
      }),
      {
        numRuns: RUNS,
        seed: SEED,
        ...(process.env.LINKFARM_PATH ? { path: process.env.LINKFARM_PATH } : {}),
        endOnFailure: DEEP ? false : undefined,
      },
    );
    // Both branches must be exercised, or the generator has gone blind.
    expect(stats.applied).toBeGreaterThan(RUNS / 10);
    expect(stats.blocked).toBeGreaterThan(RUNS / 20);
    // ...and the disks it makes reach the classifications that matter.
    const want = [
      "create/missing", "ok/in-place", "repair/dangling", "repair/identical-file", "repair/wrong-target",
      "replace/different-content", "replace/directory", "replace/nonempty-directory", "replace/foreign-symlink",
      "foreign-dangling-symlink",
      "diverged", "conflict/adopt-impossible", "error/source-missing", "error/hardlink-to-dir",
      "error/into-source-tree", "error/parent-not-directory", "remove/not-declared", "remove/created-dir-empty",
    ];
    const hit = (w: string) => [...seen].some((k) => k === w || k.endsWith(`/${w}`));
    if (RUNS >= 200) expect(want.filter((w) => !hit(w))).toEqual([]);
  }, DEEP ? 3_600_000 : 300_000);
});
