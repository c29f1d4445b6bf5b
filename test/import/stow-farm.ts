// Helpers for the Stow parity tests: generated packages (seeded, deterministic), running the
// real GNU Stow, and reading a HOME's link set (target → link text and resolved source).

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Tree } from "../helpers/sandbox.js";

export const STOW = ["/usr/bin/stow", "/usr/local/bin/stow"].find((p) => fs.existsSync(p));
if (!STOW) {
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
}

// A stow directory `home/dotfiles` with packages p0..pN; every file name is unique per package
// so that packages never collide on a file (a Stow conflict), but they share directories.
export function farmTree(o: FarmOptions): { tree: Tree; packages: string[] } {
  const r = rng(o.seed);
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
      tree[`home/dotfiles/${pkg}/${dir ? dir + "/" : ""}${name}`] = `${pkg} ${i}\n`;
    }
    if (r() < 0.7) tree[`home/dotfiles/${pkg}/README.md`] = "top-level readme: ignored\n";
    if (r() < 0.5) tree[`home/dotfiles/${pkg}/.config/p${p}/README.md`] = "nested readme: linked\n";
    for (const ign of IGNORED) if (r() < 0.4) tree[`home/dotfiles/${pkg}/${pick(DIRS.slice(2))}/${ign}`] = "ignored\n";
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

// Every symlink under `home` (not below the stow directory), keyed by its path under HOME.
export function linkSet(root: string, home: string, skip: string): Record<string, LinkInfo> {
  const out: Record<string, LinkInfo> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (abs === skip) continue;
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) {
        out[path.relative(home, abs)] = { text: fs.readlinkSync(abs), resolved: path.relative(root, fs.realpathSync(abs)) };
      } else if (st.isDirectory()) walk(abs);
    }
  };
  walk(home);
  return out;
}
