// Looks at single paths and reports plain data. Caches per directory (real paths, parent
// chains) because thousands of links share a few parents. Only read calls: lstat, stat,
// readlink, realpath, readdir.

import { errnoCode, type FsRead } from "../platform/fs.js";
import { childOf, path } from "../platform/paths.js";
import type {
  ListedSource,
  MountPair,
  Observed,
  ParentObserved,
  ProbedSource,
  Resolved,
  SourceObserved,
  SymlinkSource,
} from "./types.js";

export interface Prober {
  /** lstat (+ readlink for a symlink): never follows the final component. */
  path(p: string): Observed;
  /** The source, followed through symlinks, with its real path. */
  source(p: string): ProbedSource;
  /** A source the walk listed as `kind`, without a call of its own (its real parent is cached). */
  listedSource(p: string, kind: ListedSource["kind"] | "other"): SourceObserved;
  /** The parent chain of a directory (usually dirname(target)). */
  parent(dir: string): ParentObserved;
  /** What a symlink leads to (stat), with its text resolved against the link's directory. */
  resolved(link: string, text: string): Resolved;
  /** Entry names of a directory, sorted. */
  entries(dir: string): string[];
  /** Mount points of the devices of two paths. */
  mounts(source: string, target: string): MountPair;
  /** Directories known to be real (not symlinks), e.g. from a readdir: no lstat for their real path. */
  knownDirs(dirs: readonly string[]): void;
}

/** The part of fs.Stats the prober reads (structural, so no module but platform/fs.ts imports node:fs). */
interface Stats {
  dev: number;
  ino: number;
  nlink: number;
  size: number;
  mtimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}

// Errors that mean "nothing can be there" rather than "could not look".
const ABSENT = new Set(["ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG"]);
const NO_THROW = { throwIfNoEntry: false } as const;

// On Linux realpath(3) is lexical: it resolves a path by reading each component's link. So
// realpath(dir) = realpath(parent)/name whenever lstat(dir) shows a real directory: one lstat
// per directory (cached) instead of a readlink per component per call. Elsewhere (case-folding
// or junction-aware realpaths) the native call decides.
const lexicalRealpath = (os: string): boolean => os === "linux";

// A fresh prober per observation: its caches must not outlive one look at the disk. `os`: the
// machine whose disk `fs` reads (HostFacts.os).
export function createProber(fs: FsRead, os: string): Prober {
  const lexical = lexicalRealpath(os);
  const realDirs = new Map<string, string>();
  const parents = new Map<string, ParentObserved>();
  const known = new Set<string>();
  const realpath = fs.realpathSync.native ?? fs.realpathSync;

  const lstat = (p: string): Stats | undefined => lstatOf(fs, p);
  const stat = (p: string): Stats | undefined => {
    try {
      return fs.statSync(p, NO_THROW);
    } catch (err) {
      return absent(err);
    }
  };

  // realpath of a directory; `lst` is its lstat when the caller already has it.
  function realDir(dir: string, lst?: Stats): string {
    let r = realDirs.get(dir);
    if (r === undefined) {
      const up = path.dirname(dir);
      if (lexical && up !== dir && (known.has(dir) || (lst ?? lstat(dir))?.isDirectory())) {
        const realUp = realDir(up);
        r = childOf(realUp, path.basename(dir));
      } else {
        r = realpath(dir);
      }
      realDirs.set(dir, r);
    }
    return r;
  }

  // Why an existing `dir` cannot hold a target (called only on that error path).
  function blockedWhy(dir: string, lst: Stats, st: Stats | undefined): NonNullable<ParentObserved["blockedWhy"]> {
    if (st?.isFile()) return "file";
    if (!lst.isSymbolicLink()) return "not-a-directory";
    if (st) return "not-a-directory";
    try {
      fs.statSync(dir);
      return "not-a-directory";
    } catch (err) {
      return errnoCode(err) === "ELOOP" ? "symlink-loop" : "dangling-symlink";
    }
  }

  // Links come a directory at a time (a tree's files in order): the last answer first.
  let lastDir: string | undefined;
  let lastParent: ParentObserved | undefined;
  function parent(dir: string): ParentObserved {
    if (dir === lastDir) return lastParent!;
    const cached = parents.get(dir);
    if (cached) {
      lastDir = dir;
      lastParent = cached;
      return cached;
    }
    // lstat first: a real directory needs no second call (its real path is its parent's plus
    // its name); a symlink is followed with stat, as before.
    const lst = lstat(dir);
    const st = lst?.isSymbolicLink() ? stat(dir) : lst;
    let result: ParentObserved;
    const up = path.dirname(dir);
    if (st?.isDirectory()) {
      result = { existing: dir, existingReal: realDir(dir, lst), dev: st.dev, missing: [] };
    } else if (up === dir) {
      result = { existing: dir, existingReal: dir, dev: 0, missing: [], blockedBy: dir };
    } else {
      const above = parent(up);
      // Something that is not a directory (a file, FIFO, dangling symlink) blocks mkdirs.
      result =
        lst !== undefined && !above.blockedBy
          ? { ...above, missing: [], blockedBy: dir, blockedWhy: blockedWhy(dir, lst, st) }
          : { ...above, missing: [...above.missing, dir] };
    }
    parents.set(dir, result);
    lastDir = dir;
    lastParent = result;
    return result;
  }

  // The real path of a source is its real parent (cached per directory) plus its name.
  // (Sources too come a directory at a time: the last directory's real path first.)
  let lastSourceDir: string | undefined;
  let lastSourceReal = "";
  const realSource = (p: string): string => {
    const dir = path.dirname(p);
    if (dir !== lastSourceDir) {
      lastSourceReal = realDir(dir);
      lastSourceDir = dir;
    }
    const real = childOf(lastSourceReal, path.basename(p));
    // No symlink above it (the usual case): its real path is its path; keep one string of it.
    return real === p ? p : real;
  };

  return {
    path: (p) => probeNow(p, fs),
    source(p) {
      const lst = lstat(p);
      if (!lst) return { kind: "missing" };
      return sourceOf(fs, p, lst, realSource(p));
    },
    listedSource: (p, kind) => (kind === "other" ? { kind, realpath: realSource(p) } : { kind, realpath: realSource(p) }),
    parent,
    resolved(link, text) {
      const st = stat(link);
      const to = path.resolve(path.dirname(link), text);
      if (!st) return { kind: "missing" };
      return { kind: st.isFile() ? "file" : st.isDirectory() ? "dir" : "other", path: to };
    },
    entries(dir) {
      return (fs.readdirSync(dir) as string[]).sort();
    },
    mounts(source, target) {
      return { source: mountPoint(source), target: mountPoint(target) };
    },
    knownDirs(dirs) {
      for (const d of dirs) known.add(d);
    },
  };

  // Walk up while the device stays the same: the topmost such directory is the mount point.
  function mountPoint(p: string): string {
    const st = stat(p);
    if (!st) return p;
    let at = p;
    for (;;) {
      const up = path.dirname(at);
      if (up === at) return at;
      const ust = stat(up);
      if (!ust || ust.dev !== st.dev) return at;
      at = up;
    }
  }
}

// One path, as lstat (and readlink) sees it now, uncached: what the prober records. Apply
// re-checks a path with it right before acting (apply/compare-observed.ts).
export function probeNow(p: string, fs: FsRead): Observed {
  const st = lstatOf(fs, p);
  return st ? observedOf(st, () => fs.readlinkSync(p, "utf8")) : { kind: "missing" };
}

// A source as the observer records it, uncached (apply re-checks a source with it).
export function probeSourceNow(p: string, fs: FsRead): ProbedSource {
  const lst = lstatOf(fs, p);
  if (!lst) return { kind: "missing" };
  return sourceOf(fs, p, lst, childOf(fs.realpathSync(path.dirname(p)), path.basename(p)));
}

// A source (`lst` its lstat, `real` where it is): a symlink is the source itself (linked as
// the symlink, as Stow does), not followed.
function sourceOf(fs: FsRead, p: string, lst: Stats, real: string): ProbedSource {
  if (lst.isSymbolicLink()) return symlinkSource(fs, p, lst, real);
  if (lst.isFile())
    return { kind: "file", dev: lst.dev, ino: lst.ino, nlink: lst.nlink, size: lst.size, mtimeMs: lst.mtimeMs, realpath: real };
  if (lst.isDirectory()) return { kind: "dir", dev: lst.dev, ino: lst.ino, realpath: real };
  return { kind: "other", realpath: real };
}

function lstatOf(fs: FsRead, p: string): Stats | undefined {
  try {
    return fs.lstatSync(p, NO_THROW);
  } catch (err) {
    return absent(err);
  }
}

/**
 * A source that is a symlink (`lst` is its lstat, `real` where it is): its text, and what it
 * leads to now. A dangling or looping one is still a source ("missing" is only ENOENT at lstat).
 */
function symlinkSource(fs: FsRead, p: string, lst: Pick<Stats, "dev" | "ino">, real: string): SymlinkSource {
  const text = fs.readlinkSync(p, "utf8") as string;
  const base: SymlinkSource = { kind: "symlink", text, dev: lst.dev, ino: lst.ino, realpath: real, to: "missing" };
  let st: Stats | undefined;
  try {
    st = fs.statSync(p, NO_THROW);
  } catch (err) {
    st = absent(err);
  }
  if (!st) return base;
  const to = st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
  const resolved = (fs.realpathSync.native ?? fs.realpathSync)(p) as string;
  return { ...base, to, resolved, ...(to === "file" ? { size: st.size } : {}) };
}

// A Stats (from lstat) as plain data; `readlink` is called only for a symlink.
function observedOf(st: Stats, readlink: () => string): Observed {
  if (st.isFile())
    return { kind: "file", dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size, mtimeMs: st.mtimeMs };
  if (st.isDirectory()) return { kind: "dir", dev: st.dev, ino: st.ino };
  if (st.isSymbolicLink()) return { kind: "symlink", text: readlink(), dev: st.dev, ino: st.ino };
  const what = st.isFIFO()
    ? "fifo"
    : st.isSocket()
      ? "socket"
      : st.isBlockDevice()
        ? "block-device"
        : st.isCharacterDevice()
          ? "char-device"
          : "unknown";
  return { kind: "other", what };
}

// undefined for "nothing there" errors; anything else (EACCES, EIO) is thrown to the caller.
function absent(err: unknown): undefined {
  if (ABSENT.has(errnoCode(err) ?? "")) return undefined;
  throw err;
}
