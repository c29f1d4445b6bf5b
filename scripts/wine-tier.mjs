// The Wine tier: linkfarm's real CLI (dist/cli.cjs, built on Linux) under the real win32 build of
// Node, on what Wine does faithfully. It probes first and says what it can and cannot prove.
// Cannot run here (no wine, no node.exe) → "wine tier: skipped: WHY", exit 0. Runs → its
// failures fail CI (exit 1).
//
//   node scripts/wine-tier.mjs        (after `npm run build`; LINKFARM_WINE_CACHE: where node.exe lives)

import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { autoScenario } from "../test/wine/auto.mjs";
import { hardLinkScenario } from "../test/wine/hardlinks.mjs";
import { node, prepare, winPath } from "../test/wine/wine.mjs";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const started = Date.now();
const skip = (why) => {
  console.log(`wine tier: skipped: ${why}`);
  process.exit(0);
};

if (!existsSync(join(root, "dist", "cli.cjs"))) skip("dist/cli.cjs is missing (run npm run build first)");
const w = prepare();
if ("skip" in w) skip(w.skip);

// 1. What this runtime really does with each kind of link.
const scratch = join(w.driveC, "linkfarm-probe");
const pr = node(w, [winPath(w, join(root, "test", "wine", "probe.cjs")), winPath(w, scratch)], { cwd: w.driveC });
rmSync(scratch, { recursive: true, force: true });
let probe;
try {
  probe = JSON.parse(pr.stdout);
} catch {
  console.log(`wine tier: FAILED: the capability probe printed no result (exit ${pr.code})\n${pr.stdout}${pr.stderr}`);
  process.exit(1);
}
const can = (k) => probe[k].made;
console.log("wine tier: capability probe (win32 node.exe under Wine, looked at after each call):");
for (const k of ["hardlink", "symlinkFile", "symlinkDir", "junction"])
  console.log(`  ${k.padEnd(12)} ${can(k) ? "made" : `not made: ${probe[k].why}`}`);
if (probe.platform !== "win32") skip(`node.exe reports process.platform ${probe.platform}, not win32`);
if (!can("hardlink")) {
  console.log("wine tier: FAILED: hard links are not made under this Wine, so the tier proves nothing");
  process.exit(1);
}

// 2. The scenarios; each step checks exit codes and the disk (from Linux too).
const bin = winPath(w, join(root, "dist", "cli.cjs"));
const scenarios = [hardLinkScenario(w, bin), autoScenario(w, bin, probe)];
let failed = 0;
for (const s of scenarios) {
  console.log(`\n${s.name}:`);
  for (const r of s.results) {
    console.log(`  ${r.status === "ok" ? "ok    " : r.status === "FAILED" ? "FAILED" : "-     "} ${r.name}${r.status === "not run" ? " (not run)" : ""}`);
    if (r.why) console.log(r.why.replace(/^/gm, "         "));
    if (r.status !== "ok") failed++;
  }
}

// 3. What this run proved (scenarios that passed), and what it did not.
const proved = [];
const notProved = [];
for (const sc of scenarios) (sc.failed ? notProved : proved).push(...sc.proves.map((p) => (sc.failed ? `${p} (FAILED)` : p)));
if (!can("symlinkFile") || !can("symlinkDir"))
  notProved.push("symlinks: Wine reports them made and makes nothing, so no symlink behaviour is proved here (hosted Windows runners cover it)");
if (!can("junction")) notProved.push(`junctions: ${probe.junction.why} under Wine (hosted Windows runners cover them)`);
notProved.push("the Developer Mode / privilege refusal (EPERM) of real Windows: simulated in test/windows, real only on hosted runners");
notProved.push("hard links across volumes: every Wine drive is one Linux file system here");
console.log("\nwine tier: proved:");
for (const p of proved) console.log(`  - ${p}`);
console.log("wine tier: not proved here:");
for (const p of notProved) console.log(`  - ${p}`);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failed > 0) {
  console.log(`wine tier: FAILED (${failed} step(s) failed or did not run, ${seconds} s)`);
  process.exit(1);
}
console.log(`wine tier: passed (${scenarios.reduce((n, s) => n + s.results.length, 0)} steps, ${seconds} s)`);
