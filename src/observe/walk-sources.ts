// Lists what each manifest entry's source holds: the kind of a plain source, every file under a
// `tree` source, every match of a glob source. One readdir (with file types) per directory;
// ignore globs are compiled once per manifest. Read-only.

import picomatch from "picomatch";
import { diag, type Diagnostic } from "../diagnostic.js";
import { diagAt } from "../manifest/pos.js";
import type { LinkEntry, Manifest } from "../manifest/types.js";
import { errnoCode, type FsRead } from "../platform/fs.js";
import { isInside, path } from "../platform/paths.js";
import type { GlobNoMatch, SourceListing } from "./types.js";
import { ignoreMatcher } from "./ignore-match.js";

type Matcher = (p: string) => boolean;

export interface WalkResult {
  listings: SourceListing[];
  diagnostics: Diagnostic[];
  /** Directories the walks went into: real directories (readdir said so), not symlinks. */
  dirs: string[];
  /**
   * What each listed source path is (its own kind, as readdir or lstat saw it while listing):
   * a tree file, a glob match, a plain entry's source. The observer need not lstat it again
   * where a link's text alone decides (observe.ts). A Map of paths serves too.
   */
  kinds: KindOfPath;
}

/** The kind of a listed path, by the exact path string (undefined when not listed). */
export interface KindOfPath {
  get(path: string): SourceListing["kind"] | undefined;
}

// The kinds the walk saw, kept per directory: the names readdir gave under the directory's
// path, so that listing 100,000 files makes no path string per file. A path is split at its
// last separator both when recorded and when looked up, so it finds exactly what a map keyed
// by the whole path would. Asked a directory at a time (links come in listing order).
class KindsByDir implements KindOfPath {
  private readonly dirs = new Map<string, Map<string, SourceListing["kind"]>>();
  private lastDir: string | undefined;
  private lastNames: Map<string, SourceListing["kind"]> | undefined;

  /** `dir` + separator + `name` (`dir` without a trailing separator, `name` without one). */
  setIn(dir: string, name: string, kind: SourceListing["kind"]): void {
    let names = this.dirs.get(dir);
    if (!names) this.dirs.set(dir, (names = new Map()));
    names.set(name, kind);
  }

  set(p: string, kind: SourceListing["kind"]): void {
    const cut = p.lastIndexOf(path.sep);
    this.setIn(p.slice(0, Math.max(cut, 0)), p.slice(cut + 1), kind);
  }

  get(p: string): SourceListing["kind"] | undefined {
    const cut = p.lastIndexOf(path.sep);
    const dir = p.slice(0, Math.max(cut, 0));
    if (dir !== this.lastDir) {
      this.lastDir = dir;
      this.lastNames = this.dirs.get(dir);
    }
    return this.lastNames?.get(p.slice(cut + 1));
  }
}

// Entries for which `wanted` is false (their `when` does not hold) are not listed at all.
export function walkSources(
  manifest: Manifest,
  fs: FsRead,
  wanted: (entry: LinkEntry) => boolean = () => true,
): WalkResult {
  const ignore = manifest.ignore.length > 0 ? ignoreMatcher(manifest.ignore) : undefined;
  const diagnostics: Diagnostic[] = [];
  const listings: SourceListing[] = [];
  const dirs: string[] = [];
  const kinds = new KindsByDir();
  for (const entry of manifest.links) {
    if (!wanted(entry)) continue;
    try {
      listings.push(listEntry(entry, manifest.sourceRoot, ignore, fs, diagnostics, { dirs, kinds }));
    } catch (err) {
      diagnostics.push(
        diag("io", `cannot list the source ${entry.source}: ${errnoCode(err) ?? String(err)}`, diagAt(entry.sourcePos)),
      );
    }
  }
  return { listings, diagnostics, dirs, kinds };
}

/** What the walks collect besides the listings (WalkResult's `dirs` and `kinds`). */
interface Seen {
  dirs: string[];
  kinds: KindsByDir;
}

function listEntry(
  entry: LinkEntry,
  sourceRoot: string,
  ignore: Matcher | undefined,
  fs: FsRead,
  diagnostics: Diagnostic[],
  seen: Seen,
): SourceListing {
  if (entry.sourceIsGlob) {
    const scan = picomatch.scan(entry.source);
    let match: Matcher;
    try {
      match = picomatch(scan.glob);
    } catch (err) {
      diagnostics.push(diag("bad-glob", `bad glob ${entry.source}: ${String(err)}`, diagAt(entry.sourcePos)));
      return { entry: entry.index, kind: "glob", base: scan.base, files: [] };
    }
    const files: string[] = [];
    if (kindOf(scan.base, fs) === "dir") {
      const ignored = ignorer(ignore, sourceRoot, scan.base);
      // Without `**` a match sits at a fixed depth: no need to walk deeper. Matching
      // directories are linked whole only then; with `**` only files are linked.
      const depth = scan.isGlobstar ? Infinity : scan.glob.split("/").length;
      walk(fs, scan.base, "", depth, seen, (rel, isDir) => {
        if (ignored(rel)) return "skip";
        if (match(rel) && (!isDir || !scan.isGlobstar)) {
          files.push(rel);
          return "list";
        }
        return "descend";
      });
    }
    const listing: SourceListing = { entry: entry.index, kind: "glob", base: scan.base, files: files.sort() };
    if (files.length === 0) listing.noMatch = whyNoMatch(entry.source, scan, fs, ignore, sourceRoot);
    return listing;
  }
  // A symlink source is linked as the symlink; a `tree` root that is a symlink to a directory
  // is still walked (the entry names that directory's files), but nothing below it is followed.
  const own = lkindOf(entry.source, fs);
  const kind = own === "symlink" && entry.tree && kindOf(entry.source, fs) === "dir" ? "dir" : own;
  if (!entry.tree || kind !== "dir") {
    if (own !== "missing") seen.kinds.set(entry.source, own);
    return { entry: entry.index, kind };
  }
  const files: string[] = [];
  const ignored = ignorer(ignore, sourceRoot, entry.source);
  walk(fs, entry.source, "", Infinity, seen, (rel, isDir) => {
    if (ignored(rel)) return "skip";
    if (isDir) return "descend";
    files.push(rel);
    return "list";
  });
  return { entry: entry.index, kind, files: files.sort() };
}

// Depth-first walk; `visit` sees every entry (posix path relative to `root`) and says whether
// to descend into a directory or to list it. Symlinks are never followed: they are listed as
// entries. Every directory below `root` that it goes into is added to `seen.dirs`, the kind of
// every listed entry (readdir's file type) to `seen.kinds`.
function walk(
  fs: FsRead,
  root: string,
  rel: string,
  depth: number,
  seen: Seen,
  visit: (rel: string, isDir: boolean) => "descend" | "skip" | "list",
): void {
  if (depth <= 0) return;
  const dir = rel ? path.join(root, rel) : root;
  if (rel) seen.dirs.push(dir);
  // childOf(dir, name) split at its last separator: `dir` itself, but "" for the root.
  const under = dir.endsWith(path.sep) ? dir.slice(0, -1) : dir;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (isAsideName(d.name)) continue;
    const child = rel ? `${rel}/${d.name}` : d.name;
    const isDir = d.isDirectory();
    const v = visit(child, isDir);
    if (v === "descend" && isDir) walk(fs, root, child, depth - 1, seen, visit);
    else if (v === "list" && !d.name.includes(LOSSY)) seen.kinds.setIn(under, d.name, direntKind(d));
  }
}

// A name that is not UTF-8 comes back from readdir with U+FFFD in it: that path names nothing
// (or something else), so its kind is not recorded and the observer probes it (source-missing).
const LOSSY = "\uFFFD";

// linkfarm's own names beside a source (a `newer` backup, a temp copy): never linked as sources.
const ASIDE = /\.linkfarm-bak(\.\d+)?$|^\..+\.linkfarm-tmp-\d+-\d+$/;
function isAsideName(name: string): boolean {
  return ASIDE.test(name);
}

// Ignore globs are matched against the path relative to the walk root and (when the walk root
// lies inside it) to the source root. Built once per walk: the prefix is computed once.
function ignorer(ignore: Matcher | undefined, sourceRoot: string, walkRoot: string): (rel: string) => boolean {
  if (!ignore) return () => false;
  if (walkRoot === sourceRoot || !isInside(walkRoot, sourceRoot)) return ignore;
  const prefix = path.relative(sourceRoot, walkRoot).split(path.sep).join("/") + "/";
  return (rel) => ignore(rel) || ignore(prefix + rel);
}

// Why a glob matched nothing, when it can be told: a file named exactly like the pattern, a
// missing directory, matches that only `dot: true` or only no `ignore:` would keep. Only on this
// error path: a second walk that also looks at dot-names and into ignored directories.
function whyNoMatch(
  pattern: string,
  scan: ReturnType<typeof picomatch.scan>,
  fs: FsRead,
  ignore: Matcher | undefined,
  sourceRoot: string,
): GlobNoMatch {
  if (lkindOf(pattern, fs) !== "missing") return { why: "literal-exists", path: pattern };
  if (kindOf(scan.base, fs) !== "dir") return { why: "no-directory", path: scan.base };
  const plain = picomatch(scan.glob);
  const dot = picomatch(scan.glob, { dot: true });
  const ignored = ignorer(ignore, sourceRoot, scan.base);
  let ignoredMatch: string | undefined;
  let dotMatch: string | undefined;
  const depth = scan.isGlobstar ? Infinity : scan.glob.split("/").length;
  walk(fs, scan.base, "", depth, { dirs: [], kinds: new KindsByDir() }, (rel, isDir) => {
    if (isDir && scan.isGlobstar) return "descend";
    if (dot(rel)) {
      if (ignored(rel)) ignoredMatch ??= rel;
      else if (!plain(rel)) dotMatch ??= rel;
      return "skip";
    }
    return "descend";
  });
  if (ignoredMatch !== undefined) return { why: "all-ignored", path: joinPosix(scan.base, ignoredMatch) };
  if (dotMatch !== undefined) return { why: "dotfiles-only", path: joinPosix(scan.base, dotMatch) };
  return {};
}

const joinPosix = (base: string, rel: string) => path.join(base, ...rel.split("/"));

// The kind of a path, following symlinks.
function kindOf(p: string, fs: FsRead): SourceListing["kind"] {
  return kindFrom(() => fs.statSync(p, { throwIfNoEntry: false }));
}

// The kind of a path itself (lstat): a symlink is "symlink", dangling or not.
function lkindOf(p: string, fs: FsRead): SourceListing["kind"] {
  return kindFrom(() => fs.lstatSync(p, { throwIfNoEntry: false }));
}

// readdir's file type: what kindFrom says of an lstat.
function direntKind(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): SourceListing["kind"] {
  return d.isSymbolicLink() ? "symlink" : d.isFile() ? "file" : d.isDirectory() ? "dir" : "other";
}

function kindFrom(
  look: () => { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean } | undefined,
): SourceListing["kind"] {
  let st;
  try {
    st = look();
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOTDIR" || code === "ELOOP" || code === "ENAMETOOLONG") return "missing";
    throw err;
  }
  return st ? direntKind(st) : "missing";
}
