#!/usr/bin/env node
// `npm run bench`: times linkfarm next to GNU Stow and `node -e 0` on a generated farm, in the
// same run, alternating scenarios, and writes bench/results.md.
// Usage: node bench/run.mjs [--files N] [--packages P] [--runs R] [--only NAME,...]
// Add a scenario: push an object to SCENARIOS (name, cmd, args, env; `compare` names the
// scenario its ratio is taken against; `check` validates one output before timing; `setup`
// runs untimed before every run, for scenarios that change the disk).

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./gen-farm.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "..");
const dist = path.join(repo, "dist");
// A private copy of dist/, so that a rebuild during the run cannot pull files from under it.
const distCopy = path.join(here, "work", "dist");
const cli = path.join(distCopy, "cli.js");

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "10000" },
    packages: { type: "string", default: "500" },
    runs: { type: "string", default: "7" },
    only: { type: "string" },
    out: { type: "string", default: path.join(here, "results.md") },
  },
});
const N = Number(values.files);
const P = Number(values.packages);
const RUNS = Math.max(1, Number(values.runs));

const have = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const HAVE_STOW = have("stow");
const TIME = fs.existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;

if (!fs.existsSync(path.join(dist, "cli.js"))) {
  console.error("dist/cli.js is missing: run `npm run bench` (it builds first) or `npm run build`.");
  process.exit(1);
}
fs.rmSync(distCopy, { recursive: true, force: true });
fs.cpSync(dist, distCopy, { recursive: true });
if (!HAVE_STOW) {
  console.error("GNU Stow is not installed, so the Stow scenarios are skipped. Install it with:\n  apt-get install -y stow   (or: brew install stow)\n");
}

console.error(`Generating a farm of ${N} files in ${P} packages...`);
const farm = fs.realpathSync(generate({ files: N, packages: P }));
const packages = fs.readFileSync(path.join(farm, "packages.txt"), "utf8").trim().split("\n");
const home = (which) => path.join(farm, which);
// A state dir that never exists: plan reads "nothing made yet" and never creates it.
const lfEnv = (which) => ({ ...process.env, HOME: home(which), LINKFARM_STATE_DIR: path.join(farm, "state-none") });

const expectSummary = (want) => (r) => {
  const s = JSON.parse(r.stdout).summary;
  for (const [k, v] of Object.entries(want)) {
    if (s[k] !== v) throw new Error(`expected ${k}=${v}, got ${JSON.stringify(s)}`);
  }
};

// The scenarios, timed in this order in each round.
export const SCENARIOS = [
  { name: "node -e 0", cmd: process.execPath, args: ["-e", "0"] },
  {
    name: "linkfarm plan, from scratch",
    cmd: process.execPath,
    args: [cli, "plan"],
    env: lfEnv("home-empty"),
    compare: "stow -n, from scratch",
    check: { args: [cli, "plan", "--json"], ok: expectSummary({ create: N, ok: 0, error: 0, conflict: 0 }) },
  },
  {
    name: "linkfarm plan, in sync",
    cmd: process.execPath,
    args: [cli, "plan"],
    env: lfEnv("home-sync"),
    compare: "stow -n, in sync",
    check: { args: [cli, "plan", "--json"], ok: expectSummary({ ok: N, create: 0, repair: 0, conflict: 0 }) },
  },
  ...(HAVE_STOW
    ? [
        {
          name: "stow -n, from scratch",
          cmd: "stow",
          args: ["-n", "--no-folding", "-d", "pkgs", "-t", home("home-empty"), ...packages],
        },
        {
          name: "stow -n, in sync",
          cmd: "stow",
          args: ["-n", "--no-folding", "-d", "pkgs", "-t", home("home-sync"), ...packages],
        },
      ]
    : []),
].filter((s) => !values.only || values.only.split(",").some((o) => s.name.includes(o)));

// One timed run: wall time of the whole process (spawn included, the same for every scenario).
// `setup` (untimed) runs before every run, e.g. to give an apply scenario a fresh HOME.
function once(s, args = s.args) {
  s.setup?.();
  const useTime = TIME && args === s.args;
  const [cmd, argv] = useTime ? ["/usr/bin/time", ["-f", "maxrss=%M", s.cmd, ...args]] : [s.cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: farm, env: s.env ?? process.env, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = useTime ? Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024 : NaN;
  if (r.status !== 0) throw new Error(`${s.name} exited ${r.status}:\n${r.stderr}`);
  return { ms, rss, stdout: r.stdout };
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

for (const s of SCENARIOS) {
  if (s.check) s.check.ok(once(s, s.check.args));
  once(s); // warm the page cache
}
const times = new Map(SCENARIOS.map((s) => [s.name, []]));
const rss = new Map(SCENARIOS.map((s) => [s.name, []]));
for (let round = 1; round <= RUNS; round++) {
  process.stderr.write(`round ${round}/${RUNS}\r`);
  for (const s of SCENARIOS) {
    const r = once(s);
    times.get(s.name).push(r.ms);
    rss.get(s.name).push(r.rss);
  }
}
process.stderr.write("\n");

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const med = (name) => median(times.get(name));
const base = times.has("node -e 0") ? med("node -e 0") : NaN;
const rows = SCENARIOS.map((s) => {
  const t = times.get(s.name);
  const m = median(t);
  const vsCompare = s.compare && times.has(s.compare) ? `${(med(s.compare) / m).toFixed(2)}× (${s.compare} ÷ this)` : "";
  const r = median(rss.get(s.name));
  return `| ${s.name} | ${fmt(m)} | ${fmt(Math.min(...t))} – ${fmt(Math.max(...t))} | ${(m / base).toFixed(1)}× | ${Number.isFinite(r) ? `${r.toFixed(0)} MB` : "n/a"} | ${vsCompare} |`;
});
const table = [
  `| scenario | median | min – max | vs \`node -e 0\` | peak RSS | ratio |`,
  `|---|---|---|---|---|---|`,
  ...rows,
].join("\n");

const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
})();
const stowVersion = HAVE_STOW ? spawnSync("stow", ["--version"], { encoding: "utf8" }).stdout.trim().split("\n")[0] : "not installed";
const machine = [
  `- CPU: ${cpu}, ${os.availableParallelism?.() ?? os.cpus().length} cores (nproc)`,
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
  `- Node ${process.version}; ${stowVersion}`,
  `- Farm: ${N} files in ${P} packages, nested up to 3 levels (bench/gen-farm.mjs); ${RUNS} alternating runs per scenario after one warm-up; wall time of the whole process`,
].join("\n");

const report = `# linkfarm benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}.

${machine}

${table}

"ratio" is the compared scenario's median divided by this one's (above 1: linkfarm is faster).
Other work on the machine during the run inflates every row alike; compare rows, not runs.
"from scratch" plans against an empty HOME; "in sync" against a HOME where every link is
already in place (Stow's layout: real directories, relative symlinks, made by the generator).
`;
console.log(`\n${machine}\n\n${table}\n`);
fs.writeFileSync(values.out, report);
console.error(`wrote ${path.relative(process.cwd(), values.out)}`);
