#!/usr/bin/env node
// Experiment for budget 4 of issue #16 (apply from scratch ≥ 1.5× faster than Stow): does
// creating links in different directories concurrently overlap symlink(2)'s kernel time on this
// machine? Creates the links of an apply from scratch (a bench farm's layout: the same
// directories and relative link texts) into a fresh directory, in-process, and times only that:
//   sync          mkdirSync + symlinkSync, one after another (what apply does today)
//   promises-K    directories made first (sync), then K lanes of fs.promises.symlink, each lane
//                 taking whole directories in turn (libuv's thread pool; UV_THREADPOOL_SIZE is
//                 raised to at least K)
//   workers-K     K worker threads, each making whole directories' links with sync calls
// Usage: node bench/apply-concurrency.mjs [--files N] [--packages P] [--runs R] [--lanes 2,4,8]
// Alternating runs; prints the median, min–max and the ratio to `sync` as a markdown table.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { layout } from "./gen-farm.mjs";

// A worker: make the links of the directories it is given, sync, and say when done.
if (!isMainThread) {
  for (const [dir, links] of workerData.groups) {
    for (const [name, text] of links) fs.symlinkSync(text, path.join(dir, name));
  }
  parentPort.postMessage("done");
}

const here = path.dirname(fileURLToPath(import.meta.url));

// The operations: directories (parents first) and, per directory, its [name, link text] pairs.
function operations(root, files, packages) {
  const src = path.join(here, "work", "apply-concurrency-src");
  const dirs = new Set();
  const groups = new Map();
  for (const p of layout(files, packages)) {
    for (const rel of p.files) {
      const target = path.join(root, rel);
      const dir = path.dirname(target);
      for (let d = dir; d.length > root.length && !dirs.has(d); d = path.dirname(d)) dirs.add(d);
      if (!groups.has(dir)) groups.set(dir, []);
      groups.get(dir).push([path.basename(target), path.relative(dir, path.join(src, p.name, rel))]);
    }
  }
  return { dirs: [...dirs].sort((a, b) => a.length - b.length), groups: [...groups] };
}

function mkdirs(dirs) {
  for (const d of dirs) fs.mkdirSync(d);
}

async function sync({ dirs, groups }) {
  mkdirs(dirs);
  for (const [dir, links] of groups) for (const [name, text] of links) fs.symlinkSync(text, path.join(dir, name));
}

async function promises({ dirs, groups }, lanes) {
  mkdirs(dirs);
  let next = 0;
  const lane = async () => {
    while (next < groups.length) {
      const [dir, links] = groups[next++];
      for (const [name, text] of links) await fs.promises.symlink(text, path.join(dir, name));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

async function workers({ dirs, groups }, lanes) {
  mkdirs(dirs);
  const parts = Array.from({ length: lanes }, () => []);
  groups.forEach((g, i) => parts[i % lanes].push(g));
  await Promise.all(
    parts.map(
      (part) =>
        new Promise((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), { workerData: { groups: part } });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
}

if (isMainThread) {
  const { values } = parseArgs({
    options: {
      files: { type: "string", default: "10000" },
      packages: { type: "string", default: "500" },
      runs: { type: "string", default: "7" },
      lanes: { type: "string", default: "2,4,8" },
    },
  });
  const lanes = values.lanes.split(",").map(Number);
  process.env.UV_THREADPOOL_SIZE = String(Math.max(4, ...lanes)); // before the pool starts
  const files = Number(values.files);
  const packages = Number(values.packages);
  const root = path.join(here, "work", `apply-concurrency-${files}-${packages}`);
  const ops = operations(root, files, packages);
  const modes = [
    ["sync", (o) => sync(o)],
    ...lanes.map((k) => [`promises-${k}`, (o) => promises(o, k)]),
    ...lanes.map((k) => [`workers-${k}`, (o) => workers(o, k)]),
  ];
  const times = new Map(modes.map(([m]) => [m, []]));
  const fresh = () => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
  };
  for (let round = 0; round <= Number(values.runs); round++) {
    for (const [name, fn] of modes) {
      fresh();
      const t0 = process.hrtime.bigint();
      await fn(ops);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (round > 0) times.get(name).push(ms); // round 0 warms up
    }
    process.stderr.write(`round ${round}/${values.runs}\r`);
  }
  fs.rmSync(root, { recursive: true, force: true });
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const base = median(times.get("sync"));
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`\n${files} links in ${ops.groups.length} directories (${packages} packages), ${values.runs} runs, ${os.availableParallelism()} cores, load ${load}\n`);
  console.log("| mode | median | min – max | sync ÷ this |\n|---|---|---|---|");
  for (const [name] of modes) {
    const t = times.get(name);
    console.log(`| ${name} | ${median(t).toFixed(0)} ms | ${Math.min(...t).toFixed(0)} – ${Math.max(...t).toFixed(0)} ms | ${(base / median(t)).toFixed(2)}× |`);
  }
}
