// A scenario is a list of steps that depend on each other: the first failure stops it, and the
// report says which steps ran, which passed, and which did not run.

import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { node, winPath } from "./wine.mjs";

export class Scenario {
  /** `proves`: what the scenario shows when every step passed. */
  constructor(name, proves) {
    this.name = name;
    this.proves = proves;
    this.results = [];
    this.failed = false;
  }

  step(name, fn) {
    if (this.failed) {
      this.results.push({ name, status: "not run" });
      return;
    }
    try {
      fn();
      this.results.push({ name, status: "ok" });
    } catch (err) {
      this.failed = true;
      this.results.push({ name, status: "FAILED", why: err instanceof Error ? err.message : String(err) });
    }
  }
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export function exitCode(r, want, what) {
  assert(r.code === want, `${what}: exit ${r.code}, wanted ${want}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
}

/** A sandbox under drive_c: a literal tree of files (Linux side) and its Windows name. */
export function sandbox(w, rel, tree) {
  const root = join(w.driveC, rel);
  rmSync(root, { recursive: true, force: true });
  for (const [p, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return { root, win: winPath(w, root), p: (q) => join(root, q), w: (q) => `${winPath(w, root)}\\${q.split("/").join("\\")}` };
}

/** The linkfarm CLI (built on Linux) under win32 node.exe. */
export function cli(w, bin, sb, env) {
  return (...args) => node(w, [bin, ...args], { cwd: sb.root, env });
}

export function json(r, what) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`${what}: stdout is not JSON\n${r.stdout}\n${r.stderr}`);
  }
}

/** Seen from Linux: `a` and `b` are one file (same inode), with `nlink` names. */
export function sameFile(a, b, nlink) {
  const x = statSync(a);
  const y = statSync(b);
  assert(x.ino === y.ino && x.dev === y.dev, `${b} is not a hard link of ${a} (inode ${y.ino} vs ${x.ino})`);
  if (nlink !== undefined) assert(x.nlink === nlink, `${a} has ${x.nlink} names, wanted ${nlink}`);
}

export function missing(p) {
  try {
    lstatSync(p);
  } catch (err) {
    if (err.code === "ENOENT") return;
    throw err;
  }
  throw new Error(`${p} exists, wanted nothing there`);
}

/** The one state file in a state directory, parsed. */
export function stateIn(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  assert(files.length === 1, `expected one state file in ${dir}, found ${files.join(", ") || "none"}`);
  return JSON.parse(readFileSync(join(dir, files[0]), "utf8"));
}
