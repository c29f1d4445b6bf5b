// Scanned Stow packages → linkfarm link entries. A directory that holds nothing special becomes
// one `tree: true` entry (per-file links, like `stow --no-folding`); a directory Stow would fold
// (with --fold: no other package has it and no real directory is in the way), or that Stow
// already folded on disk, becomes one directory link; `dot-` renames (--dotfiles) become
// explicit entries, since a manifest cannot rename inside a tree.

import type { FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { ImportNote, OutLink } from "../model.js";
import { hasGlobSyntax, literalPath } from "../paths.js";
import { leaves, type PkgNode, type ScannedPackage } from "./scan.js";

export interface LinkOptions {
  /**
   * linkfarm's ignore test for a tree walk rooted at `root` (path inside the stow directory)
   * seeing `rel` (path below the root): the manifest's globs, as walk-sources.ts applies them.
   */
  lfIgnores: (root: string, rel: string) => boolean;
  stowDir: string;
  targetDir: string;
  fold: boolean;
  /** Shows a target path to the user (e.g. "~/.vim"). */
  show: (abs: string) => string;
}

export function stowLinks(
  pkgs: readonly ScannedPackage[],
  opts: LinkOptions,
  fs: FsRead,
  notes: ImportNote[],
): OutLink[] {
  // target directory → the packages that have it as a directory
  const owners = new Map<string, Set<string>>();
  const note = (n: PkgNode, pkg: string) => {
    for (const c of n.children) {
      if (!c.dir) continue;
      const s = owners.get(c.targetRel) ?? new Set<string>();
      s.add(pkg);
      owners.set(c.targetRel, s);
      note(c, pkg);
    }
  };
  for (const p of pkgs) note(p.root, p.name);

  const links: OutLink[] = [];
  for (const p of pkgs) {
    const folds = new Set<PkgNode>();
    const isFold = (n: PkgNode): boolean => {
      const abs = path.join(opts.targetDir, n.targetRel);
      if (stowFolded(fs, abs, path.join(opts.stowDir, p.name, n.rel))) {
        if (!opts.fold) {
          notes.push({
            level: "info",
            message: `${opts.show(abs)} is a directory link Stow folded; kept as one link (remove it and import again for per-file links)`,
          });
        }
        return true;
      }
      return opts.fold && owners.get(n.targetRel)?.size === 1 && !isRealDir(fs, abs);
    };
    // Decide folds top-down: nothing below a fold is looked at.
    const mark = (n: PkgNode) => {
      for (const c of n.children) {
        if (!c.dir) continue;
        if (isFold(c)) folds.add(c);
        else mark(c);
      }
    };
    mark(p.root);
    noteSymlinks(p, p.root, folds, opts.stowDir, fs, notes);
    const simple = (n: PkgNode): boolean =>
      n.children.every((c) => c.targetName === c.name && !folds.has(c) && (!c.dir || simple(c)));
    // A tree entry is right only if linkfarm's walk from it sees exactly the files Stow links.
    const plain = (n: PkgNode): boolean => simple(n) && sameFiles(p, n, opts.lfIgnores);
    const src = (n: PkgNode) => (n.rel ? `${p.name}/${n.rel}` : p.name);
    const emit = (n: PkgNode) => {
      if (n !== p.root && (folds.has(n) || !n.dir)) {
        links.push(literalLink(src(n), n.targetRel));
      } else if (plain(n)) {
        if (n.children.length > 0) links.push(literalLink(src(n), n.targetRel || ".", { tree: true }));
        for (const e of emptyDirs(n)) {
          notes.push({
            level: "changed",
            message: `${p.name}/${e.rel} is an empty directory: stow --no-folding makes an empty ${opts.show(path.join(opts.targetDir, e.targetRel))}, linkfarm makes directories only to hold links (an uninitialised git submodule is linked once its files exist)`,
          });
        }
      } else {
        for (const c of n.children) emit(c);
      }
    };
    emit(p.root);
  }
  return links;
}

// Symlinks in the package that Stow links one by one (not inside a fold): each is linked as
// itself, like Stow, so nothing is lost; an absolute one Stow refuses (it could not unstow it).
function noteSymlinks(p: ScannedPackage, n: PkgNode, folds: ReadonlySet<PkgNode>, stowDir: string, fs: FsRead, notes: ImportNote[]) {
  for (const c of n.children) {
    if (folds.has(c)) continue;
    if (c.dir) noteSymlinks(p, c, folds, stowDir, fs, notes);
    if (c.link === undefined) continue;
    const name = `${p.name}/${c.rel}`;
    if (path.isAbsolute(c.link)) {
      notes.push({
        level: "changed",
        message: `${name} is an absolute symlink (to ${c.link}): Stow refuses to stow it (it could not unstow it), linkfarm links it as itself`,
      });
      continue;
    }
    const st = fs.statSync(path.join(stowDir, p.name, c.rel), { throwIfNoEntry: false });
    const to = !st ? "dangling" : st.isDirectory() ? "a directory" : "a file";
    notes.push({ level: "info", message: `${name} is a symlink (to ${c.link}, ${to}): linked as itself, as Stow links it; nothing is lost` });
  }
}

// An entry for names found on disk: `$` doubled, and `glob: false` when the source has glob
// characters, so that the manifest links exactly these names.
function literalLink(source: string, target: string, extra: Partial<OutLink> = {}): OutLink {
  const l: OutLink = { source: literalPath(source), target: literalPath(target), ...extra };
  if (hasGlobSyntax(source)) l.glob = false;
  return l;
}

// Directories at or below `n` with nothing Stow would link in them.
function emptyDirs(n: PkgNode, out: PkgNode[] = []): PkgNode[] {
  if (n.dir && n.children.length === 0 && n.rel !== "") out.push(n);
  for (const c of n.children) emptyDirs(c, out);
  return out;
}

// linkfarm's walk of `n` (skipping what the globs ignore, below ignored directories too) lists
// the same files as Stow's scan of `n`.
function sameFiles(p: ScannedPackage, n: PkgNode, lfIgnores: LinkOptions["lfIgnores"]): boolean {
  const root = n.rel ? `${p.name}/${n.rel}` : p.name;
  const prefix = n.rel ? n.rel + "/" : "";
  const stow = new Set(leaves(n));
  const skipped: string[] = [];
  let seen = 0;
  for (const e of p.all) {
    if (!e.rel.startsWith(prefix)) continue;
    const rel = e.rel.slice(prefix.length);
    if (skipped.some((s) => rel.startsWith(s + "/"))) continue;
    if (lfIgnores(root, rel)) {
      skipped.push(rel);
      continue;
    }
    if (e.dir) continue;
    if (!stow.has(e.rel)) return false;
    seen++;
  }
  return seen === stow.size;
}

function isRealDir(fs: FsRead, abs: string): boolean {
  const st = fs.lstatSync(abs, { throwIfNoEntry: false });
  return st !== undefined && st.isDirectory();
}

// A symlink at `abs` that resolves to the package directory `pkgDir`: Stow folded it.
function stowFolded(fs: FsRead, abs: string, pkgDir: string): boolean {
  const st = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!st || !st.isSymbolicLink()) return false;
  try {
    return fs.realpathSync(abs) === fs.realpathSync(pkgDir);
  } catch {
    return false;
  }
}
