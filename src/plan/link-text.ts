// The exact text a symlink should hold. Shared by the observer (to decide whether a symlink's
// text already matches) and the planner (to plan it), so both agree byte for byte.

import type { DesiredLink, ParentObserved } from "../observe/types.js";
import { childOf, isNormalPosix, path as hostPath, type PathModule } from "../platform/paths.js";
import { assertNever } from "./types.js";

// The directory the link will really live in once its missing parents exist.
// `path` is the plan's OS path module (path.win32 for a Windows plan); the host's by default.
export function realParentOf(target: string, parent: ParentObserved, path: PathModule = hostPath): string {
  const dir = path.dirname(target);
  if (dir === parent.existing) return parent.existingReal;
  // Posix, `dir` normalised and below `existing`: the rest of the path is a plain suffix.
  const under = parent.existing === "/" ? "/" : `${parent.existing}/`;
  if (path.sep === "/" && dir.startsWith(under) && isNormalPosix(dir))
    return childOf(parent.existingReal, dir.slice(under.length), "/");
  const rest = path.relative(parent.existing, dir);
  return rest ? path.join(parent.existingReal, rest) : parent.existingReal;
}

// path.relative(from, to), with the directory part computed once per pair of directories:
// thousands of links in one directory point into one source directory. Posix paths only, and
// only when `to` is not `from` or above it (there the text is "", "..", "../.." instead).
const relDirs = new Map<string, string>();
function relativeLink(path: PathModule, from: string, to: string): string {
  const base = path.basename(to);
  if (path.sep !== "/" || base === "" || !isNormalPosix(to) || from === to || from.startsWith(to + "/"))
    return path.relative(from, to);
  const dir = path.dirname(to);
  const key = `${from}\0${dir}`;
  let rel = relDirs.get(key);
  if (rel === undefined) {
    if (relDirs.size >= 10_000) relDirs.clear();
    rel = path.relative(from, dir);
    relDirs.set(key, rel);
  }
  return rel === "" ? base : childOf(rel, base, "/");
}

// Where the link itself really lands (its final component is not followed).
export function realTargetOf(target: string, parent: ParentObserved, path: PathModule = hostPath): string {
  const dir = realParentOf(target, parent, path);
  const base = path.basename(target);
  // A plain name under a normalised posix directory: what path.join gives, without normalising.
  if (path.sep !== "/" || base === "" || base === "." || base === "..") return path.join(dir, base);
  return childOf(dir, base, "/");
}

// Absolute source, or (relative: true, not a junction) the source relative to the real parent.
export function desiredLinkText(
  d: DesiredLink,
  parent: ParentObserved,
  path: PathModule = hostPath,
): string | undefined {
  switch (d.type) {
    case "hardlink":
      return undefined;
    case "junction":
      return d.source;
    // auto: the planner resolves it first; before that (the observer) it is a symlink's text.
    case "symlink":
    case "auto":
      return d.relative ? relativeLink(path, realParentOf(d.target, parent, path), d.source) || "." : d.source;
    default:
      return assertNever(d.type);
  }
}
