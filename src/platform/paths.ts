// Path handling per OS: which path module, how two paths compare (win32: `\` and `/` alike,
// drive letters and UNC names case-insensitive, `\\?\` prefixes ignored), `~` display. The
// pure layers (plan/, report/) import this instead of node:path.

import * as nodePath from "node:path";
import { HOST_OS } from "./os.js";

/** node:path's shape; `path.posix` and `path.win32` both have it. */
export type PathModule = nodePath.PlatformPath;

/** Path operations for one OS. */
export interface Paths {
  path: PathModule;
  /** Paths differ only in case → the same file (win32). */
  foldCase: boolean;
  /** A path's identity on this OS: equal keys name the same path (lexically). */
  key(p: string): string;
  same(a: string, b: string): boolean;
  /** True when `child` is `parent` or lies below it (both absolute). */
  isInside(child: string, parent: string): boolean;
  /** `/home/me/.bashrc` → `~/.bashrc` (win32: `C:\Users\Me\x` → `~\x`); other paths shown plainly. */
  display(p: string, home: string): string;
  /** A path without its win32 namespace prefix (`\\?\C:\x` → `C:\x`, `\\?\UNC\s\h` → `\\s\h`). */
  plain(p: string): string;
}

// Win32 namespace prefixes: what fs.symlink writes for absolute targets and what a junction's
// readlink may return. `\??\` is the NT form of `\\?\`.
const UNC_PREFIX = /^[\\/]{2}[?.][\\/]UNC[\\/]/i;
const NS_PREFIX = /^(?:[\\/]{2}[?.][\\/]|\\\?\?\\)(?=[a-z]:)/i;

/** A Windows path without its `\\?\` (or `\??\`, or UNC) namespace prefix; any other path unchanged. */
export function plainWin32(p: string): string {
  if (UNC_PREFIX.test(p)) return "\\\\" + p.replace(UNC_PREFIX, "");
  return p.replace(NS_PREFIX, "");
}

// Normalised (separators, `.`, `..`), prefix-free, no trailing separator except at a root.
function normalWin32(p: string): string {
  const n = nodePath.win32.normalize(plainWin32(p));
  const root = nodePath.win32.parse(n).root;
  return n.length > root.length && n.endsWith("\\") ? n.slice(0, -1) : n;
}

function under(child: string, parent: string, sep: string): boolean {
  if (child === parent) return true;
  if (parent.endsWith(sep)) return child.startsWith(parent);
  // child.startsWith(parent + sep), without making that string (called per link).
  return child.length > parent.length && child.charCodeAt(parent.length) === sep.charCodeAt(0) && child.startsWith(parent);
}

const posixPaths: Paths = {
  path: nodePath.posix,
  foldCase: false,
  key: (p) => p,
  same: (a, b) => a === b,
  isInside: (child, parent) => under(child, parent, "/"),
  display(p, home) {
    if (!home) return p;
    const h = home.endsWith("/") ? home.slice(0, -1) : home;
    if (p === h) return "~";
    if (p.startsWith(h + "/")) return "~" + p.slice(h.length);
    return p;
  },
  plain: (p) => p,
};

const win32Paths: Paths = {
  path: nodePath.win32,
  foldCase: true,
  key: (p) => normalWin32(p).toLowerCase(),
  same: (a, b) => win32Paths.key(a) === win32Paths.key(b),
  isInside: (child, parent) => under(win32Paths.key(child), win32Paths.key(parent), "\\"),
  display(p, home) {
    const n = normalWin32(p);
    if (!home) return n;
    const h = win32Paths.key(home);
    const k = n.toLowerCase();
    if (k === h) return "~";
    const prefix = h.endsWith("\\") ? h : h + "\\";
    if (k.startsWith(prefix)) return "~\\" + n.slice(prefix.length);
    return n;
  },
  plain: plainWin32,
};

// The path rules of an OS ("win32" → path.win32 and case folding; anything else → posix).
export function pathsFor(os: string): Paths {
  return os === "win32" ? win32Paths : posixPaths;
}

/** The running machine's path rules. */
export const hostPaths: Paths = pathsFor(HOST_OS);

/** The running machine's path module (node:path). */
export const path: PathModule = hostPaths.path;

/** How many segments a path has (either separator): deeper paths sort first for removal. */
export function pathDepth(p: string): number {
  return p.split(/[\\/]/).length;
}

/** dir + name, for a normalised dir and a plain name: what path.join gives, without normalising. */
export function childOf(dir: string, name: string, sep: string = path.sep): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** A normalised posix path: no empty, `.` or `..` segment, no trailing `/` (the root aside). */
export function isNormalPosix(p: string): boolean {
  return p === "/" || !/\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/.test(p);
}

/** `/home/me/.bashrc` → `~/.bashrc` when under HOME; other paths unchanged (host rules). */
export function displayPath(p: string, home: string): string {
  return hostPaths.display(p, home);
}

/** True when `child` is `parent` or lies below it (both absolute, normalised; host rules). */
export function isInside(child: string, parent: string): boolean {
  return hostPaths.isInside(child, parent);
}

// Every directory above some target (created directories that are still needed), as `paths.key`
// gives it (default: the path itself, on this machine's path rules).
export function ancestorsOf(
  items: readonly { target: string }[],
  paths: Pick<Paths, "path" | "key"> = { path, key: (p) => p },
): Set<string> {
  const out = new Set<string>();
  for (const { target } of items) {
    let dir = paths.path.dirname(target);
    while (!out.has(paths.key(dir))) {
      out.add(paths.key(dir));
      const up = paths.path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return out;
}
