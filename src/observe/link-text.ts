// The exact text a symlink should hold. Shared by the observer (to decide whether a symlink's
// text already matches) and the planner (to plan it), so both agree byte for byte.

import type { DesiredLink, ParentObserved } from "./types.js";
import { childOf, isNormalPosix, path as hostPath, type PathModule } from "../platform/paths.js";
import { assertNever } from "../assert.js";

// The directory the link will really live in once its missing parents exist.
// `path` is the plan's OS path module (path.win32 for a Windows plan); the host's by default.
export function realParentOf(target: string, parent: ParentObserved, path: PathModule = hostPath): string {
  return realDirOf(path.dirname(target), parent, path);
}

// Where `dir`, the link's directory or one of its missing ancestors, really is.
function realDirOf(dir: string, parent: ParentObserved, path: PathModule): string {
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
// Below the target root the relative text goes up to the root and down to the source, as GNU
// Stow writes it (see viaRoot).
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
      if (!d.relative) return d.source;
      return relativeText(path, d, parent);
    default:
      return assertNever(d.type);
  }
}

// The text up to the source's name, for the last (link directory, source directory) pair:
// consecutive links (a tree's files, in order) mostly share both, and the text of a plain name
// in a directory is that directory's text plus the name (see textPrefix for when it is not).
interface DirText {
  path: PathModule;
  parent: ParentObserved;
  base: string | undefined;
  targetDir: string;
  sourceDir: string;
  /** Where the text starts from (viaRoot's `to`): the source must not be it or above it. */
  to: string;
  prefix: string;
}
let lastText: DirText | undefined;

function relativeText(path: PathModule, d: DesiredLink, parent: ParentObserved): string {
  const targetDir = path.dirname(d.target);
  const cut = d.source.lastIndexOf("/");
  const name = d.source.slice(cut + 1);
  const plain = path.sep === "/" && cut > 0 && name !== "" && name !== "." && name !== ".." && d.source !== d.base;
  const m = lastText;
  if (
    plain &&
    m !== undefined &&
    m.parent === parent &&
    m.path === path &&
    m.base === d.base &&
    m.targetDir === targetDir &&
    d.source.length === m.sourceDir.length + 1 + name.length &&
    d.source.startsWith(m.sourceDir) &&
    !isAtOrAbove(d.source, m.to)
  )
    return m.prefix + name;
  const from = realDirOf(targetDir, parent, path);
  const { ups, to } = viaRoot(path, from, d, parent);
  const down = relativeLink(path, to, d.source);
  const text = (down === "" || ups === "" ? ups + down : `${ups}/${down}`) || ".";
  if (plain && isNormalPosix(d.source) && !isAtOrAbove(d.source, to)) {
    const sourceDir = d.source.slice(0, cut);
    const prefix = text.slice(0, text.length - name.length);
    // As relativeLink's fast path builds it: (ups/)(rel/)name.
    if (text.endsWith(name) && (prefix === "" || prefix.endsWith("/")))
      lastText = { path, parent, base: d.base, targetDir, sourceDir, to, prefix };
  }
  return text;
}

// `p` is `to` or one of its ancestors (posix).
function isAtOrAbove(p: string, to: string): boolean {
  return to === p || (to.length > p.length && to.charCodeAt(p.length) === 47 && to.startsWith(p));
}

// A relative text from `from` (the link's real directory). Below the real target root
// (`d.base`, posix): up to the root, then down to the source, as GNU Stow writes every text
// ("../../.local/src/dotfiles/p/.local/bin/x" where the shortest is "../src/dotfiles/p/.local/bin/x");
// the two differ only when the source lies inside the target root next to the link. Any
// ancestor of `from` gives a text that resolves to the source (`from` has no symlinks), so
// the root is only a choice of form. Elsewhere, and on win32: the shortest text.
// Returns the way up (`ups`) and where the way down starts (`to`): the text is `ups`, then
// relativeLink(to, source).
function viaRoot(path: PathModule, from: string, d: DesiredLink, parent: ParentObserved): { ups: string; to: string } {
  const root = d.base !== undefined && path.sep === "/" ? realRootOf(d.base, parent, path) : undefined;
  if (root === undefined || (root !== from && !from.startsWith(root === "/" ? "/" : root + "/")))
    return { ups: "", to: from };
  let ups = root === from ? "" : "..";
  for (let i = root === "/" ? 1 : root.length + 1; i < from.length; i++) if (from.charCodeAt(i) === 47) ups += "/..";
  // A source below the root (lexically) is the same path below the real root: HOME reached
  // through a symlink (/home -> /var/home) still gets ".local/src/...", not "../../../home/...".
  const base = d.base!;
  return { ups, to: d.source === base || d.source.startsWith(base + "/") ? base : root };
}

// realpath of the target root `base`, an ancestor of the link's directory, from the parent
// observation: below the nearest existing ancestor it is a plain suffix of its real path; above
// it, its real path is what is left of existingReal once the same suffix is cut off (otherwise
// a symlink lies between them: unknown).
function realRootOf(base: string, parent: ParentObserved, path: PathModule): string | undefined {
  const { existing, existingReal } = parent;
  if (base === existing || existing.startsWith(base === "/" ? "/" : base + "/")) {
    const suffix = base === "/" && existing !== "/" ? existing : existing.slice(base.length);
    if (suffix === "") return existingReal;
    if (!existingReal.endsWith(suffix)) return undefined;
    return existingReal.slice(0, -suffix.length) || "/";
  }
  if (!base.startsWith(existing === "/" ? "/" : existing + "/")) return undefined; // not an ancestor
  return realDirOf(base, parent, path);
}
