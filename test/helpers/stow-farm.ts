// Helpers for the Stow parity tests: generated packages (seeded, deterministic), running the
// real GNU Stow, and reading a HOME's link set (target → link text and resolved source).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { runCli, type CliResult } from "./cli.js";
import { posixOnly } from "./posix.js";
import { sandbox, type Tree } from "./sandbox.js";

export const STOW = posixOnly("GNU Stow (Perl, POSIX)") ? undefined : ["/usr/bin/stow", "/usr/local/bin/stow"].find((p) => fs.existsSync(p));
if (!STOW && process.platform !== "win32") {
  // Loud on purpose: the parity proof needs GNU Stow (`apt-get install stow`, done by .ci/run).
  console.warn("\n*** GNU Stow not found: the Stow parity tests are SKIPPED (apt-get install stow) ***\n");
}

// mulberry32: small, seeded, deterministic.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRS = ["", "", ".config", ".config/app", ".config/app/themes", ".local/bin", ".vim", ".vim/after/plugin", "docs"];
// Names Stow's built-in list ignores (top-level README/LICENSE only), and names it keeps.
const IGNORED = [".git/HEAD", "notes~", "#auto#", "x,v", "CVS/Entries", ".#lock", ".gitignore"];

export interface FarmOptions {
  seed: number;
  packages: number;
  /** --dotfiles: some files get a `dot-` prefix (files only: Stow 2.3.1 mishandles dot- dirs). */
  dotfiles?: boolean;
  /** Where the stow directory is, relative to the sandbox root (default home/dotfiles). */
  stowDir?: string;
}

// A stow directory `home/dotfiles` with packages p0..pN; every file name is unique per package
// so that packages never collide on a file (a Stow conflict), but they share directories.
export function farmTree(o: FarmOptions): { tree: Tree; packages: string[] } {
  const r = rng(o.seed);
  const dir0 = o.stowDir ?? "home/dotfiles";
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const tree: Tree = {};
  const packages: string[] = [];
  for (let p = 0; p < o.packages; p++) {
    const pkg = `p${p}`;
    packages.push(pkg);
    const n = 2 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) {
      const dir = pick(DIRS);
      const name = o.dotfiles && r() < 0.5 ? `dot-f${p}${i}` : `${dir === "" ? "." : ""}f${p}${i}`;
      tree[`${dir0}/${pkg}/${dir ? dir + "/" : ""}${name}`] = `${pkg} ${i}\n`;
    }
    if (r() < 0.7) tree[`${dir0}/${pkg}/README.md`] = "top-level readme: ignored\n";
    if (r() < 0.5) tree[`${dir0}/${pkg}/.config/p${p}/README.md`] = "nested readme: linked\n";
    for (const ign of IGNORED) if (r() < 0.4) tree[`${dir0}/${pkg}/${pick(DIRS.slice(2))}/${ign}`] = "ignored\n";
  }
  return { tree, packages };
}

export function runStow(stowDir: string, home: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(STOW!, args, { cwd: stowDir, env: { HOME: home, PATH: process.env.PATH ?? "/usr/bin:/bin" } }, (err, _o, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stderr }),
    );
  });
}

export interface LinkInfo {
  text: string;
  /** Real path of what the link resolves to, relative to the sandbox root. */
  resolved: string;
}

// Where a link leads, relative to the sandbox root; for a dangling one, where its first hop lands.
function resolvedOf(root: string, abs: string, text: string): string {
  try {
    return path.relative(root, fs.realpathSync(abs));
  } catch {
    return "dangling: " + path.relative(root, path.resolve(fs.realpathSync(path.dirname(abs)), text));
  }
}

// Every symlink under `home` (not below the stow directory), keyed by its path under HOME.
export function linkSet(root: string, home: string, skip: string): Record<string, LinkInfo> {
  const out: Record<string, LinkInfo> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (abs === skip) continue;
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) {
        const text = fs.readlinkSync(abs);
        out[path.relative(home, abs)] = { text, resolved: resolvedOf(root, abs, text) };
      } else if (st.isDirectory()) walk(abs);
    }
  };
  walk(home);
  return out;
}

export interface ParityCase {
  tree: Tree;
  packages: string[];
  /** Stow directory relative to the sandbox root (default home/dotfiles); both tools run there. */
  stowDir?: string;
  /** Arguments before the package names; "{HOME}" is the sandbox's HOME (a shell's `~`). */
  stowArgs: string[];
  importArgs: string[];
}

export interface ParityResult {
  /** `import stow` on the fresh HOME, and on the HOME Stow made. */
  imported: CliResult;
  importedOnStow: CliResult;
  links: Record<string, LinkInfo>;
}

// The same tree in two sandboxes: the real Stow stows the packages in one, `linkfarm import
// stow` + `apply` links them in the other; both give the same links (texts byte for byte,
// resolved sources). Then, on the HOME Stow made, import + `plan` says "No changes.".
export async function checkParity(c: ParityCase): Promise<ParityResult> {
  const a = sandbox(c.tree);
  const b = sandbox(c.tree);
  const rel = c.stowDir ?? "home/dotfiles";
  const [stowA, stowB] = [a.p(rel), b.p(rel)];
  const args = (home: string, xs: string[]) => xs.map((x) => x.replaceAll("{HOME}", home));

  const s = await runStow(stowA, a.home, [...args(a.home, c.stowArgs), ...c.packages]);
  expect(s.stderr).toBe("");
  expect(s.code).toBe(0);

  const imported = await runCli(["import", "stow", ...args(b.home, c.importArgs), "-o", "linkfarm.yaml", ...c.packages], { cwd: stowB, env: b.env });
  expect(imported.code, imported.stderr).toBe(0);
  const applied = await runCli(["apply"], { cwd: stowB, env: b.env });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);

  const byStow = linkSet(a.root, a.home, stowA);
  const byLinkfarm = linkSet(b.root, b.home, stowB);
  expect(Object.keys(byStow).length).toBeGreaterThan(0);
  expect(byLinkfarm).toEqual(byStow);

  // Import on Stow's own HOME: everything Stow made is linkfarm's own and in place.
  const importedOnStow = await runCli(["import", "stow", ...args(a.home, c.importArgs), "-o", "linkfarm.yaml", ...c.packages], {
    cwd: stowA,
    env: a.env,
  });
  expect(importedOnStow.code, importedOnStow.stderr).toBe(0);
  const plan = await runCli(["plan", "--detailed-exitcode"], { cwd: stowA, env: a.env });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  expect(plan.stdout).toMatch(/^No changes\./m);
  const json = await runCli(["plan", "--json"], { cwd: stowA, env: a.env });
  const summary = (JSON.parse(json.stdout) as { summary: Record<string, number> }).summary;
  expect(summary).toMatchObject({ create: 0, repair: 0, replace: 0, remove: 0, conflict: 0, error: 0 });
  expect(summary.ok).toBe(Object.keys(byStow).length);
  return { imported, importedOnStow, links: byStow };
}
