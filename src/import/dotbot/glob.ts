// dotbot's `glob: true` (Python glob.glob, recursive; `*` skips names starting with "."; a
// pattern with `**` links files only; each match lands at DEST/<its path below the pattern's
// static part>, after `prefix`) → what a linkfarm entry can say:
//   DIR/** or DIR/**/*          → `tree: true` on DIR, ignoring hidden names below it
//   wildcards in the last part  → a linkfarm glob into DEST/ (picomatch also skips dot-names)
//   anything else, or `prefix`  → the matches of today, as explicit links (a frozen list)

import picomatch from "picomatch";
import type { FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";

export type GlobPlan =
  | { kind: "tree"; dir: string }
  | { kind: "glob" }
  | { kind: "expand"; why: string };

export const hasGlobChars = (p: string) => /[?*[]/.test(p);

// How to carry a normalised dotbot glob `pattern` (posix, relative to the base directory).
export function planGlob(pattern: string, prefix: string): GlobPlan {
  if (prefix) return { kind: "expand", why: "prefix renames each match, which a manifest cannot say" };
  const parts = pattern.split("/");
  const wild = parts.findIndex((p) => hasGlobChars(p));
  const rest = parts.slice(wild);
  if (rest.length === 1 && rest[0] === "**") return { kind: "tree", dir: parts.slice(0, wild).join("/") || "." };
  if (rest.length === 2 && rest[0] === "**" && rest[1] === "*") return { kind: "tree", dir: parts.slice(0, wild).join("/") || "." };
  if (wild === parts.length - 1 && !rest[0]!.includes("**")) return { kind: "glob" };
  return { kind: "expand", why: "matches below the first wildcard keep their sub-path in dotbot" };
}

// Today's matches of a dotbot glob, minus `exclude` matches, each with where dotbot puts it
// (relative to DEST): Python's glob semantics emulated with picomatch (dot: false).
export function expandGlob(
  fs: FsRead,
  baseDir: string,
  pattern: string,
  exclude: readonly string[],
  prefix: string,
): { source: string; item: string }[] {
  const found = (pat: string): string[] => {
    const isMatch = picomatch(pat, { dot: false });
    const filesOnly = pat.includes("**");
    const base = picomatch.scan(pat).base;
    const out: string[] = [];
    const walk = (rel: string) => {
      let list;
      try {
        list = fs.readdirSync(path.join(baseDir, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const d of list) {
        const r = rel ? `${rel}/${d.name}` : d.name;
        const isDir = d.isDirectory() || (d.isSymbolicLink() && isDirAt(fs, path.join(baseDir, r)));
        if (isMatch(r) && (!filesOnly || !isDir)) out.push(r);
        if (isDir && d.name !== ".git") walk(r);
      }
    };
    walk(base);
    return out;
  };
  const excluded = new Set(exclude.flatMap(found));
  return found(pattern)
    .filter((m) => !excluded.has(m))
    .sort()
    .map((m) => {
      // os.path.dirname(os.path.commonprefix([pattern, match])), "" when there is no "/"
      const cp = commonPrefix(pattern, m);
      const dir = cp.includes("/") ? cp.slice(0, cp.lastIndexOf("/")) : "";
      return { source: m, item: prefix + (dir === "" ? m : m.slice(dir.length + 1)) };
    });
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function isDirAt(fs: FsRead, p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
