// One Stow package on disk → the tree Stow would stow: ignored entries left out (and collected),
// `dot-` names renamed with --dotfiles (adjust_dotfile). Symlinks inside a package are leaves,
// as linkfarm's tree walk treats them. Read-only.

import type { FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { IgnoreMatcher } from "./ignore.js";

export interface PkgNode {
  /** Name in the package. */
  name: string;
  /** Name in the target (differs only for --dotfiles `dot-` names). */
  targetName: string;
  /** Path inside the package (posix). */
  rel: string;
  /** Path inside the target directory (posix, renamed). */
  targetRel: string;
  dir: boolean;
  /** For a symlink in the package: its text (it is a leaf, linked as itself). */
  link?: string;
  children: PkgNode[];
}

export interface ScannedPackage {
  name: string;
  root: PkgNode;
  /** Top-most entries Stow ignores (paths inside the package). */
  ignored: string[];
  /** Every entry of the package, ignored or not, with whether it is a directory (for checks). */
  all: { rel: string; dir: boolean }[];
}

// Stow's adjust_dotfile for one segment: `dot-x` → `.x`; `dot-` and `dot-.` stay.
export function adjustDotfile(name: string): string {
  return name.startsWith("dot-") && name !== "dot-" && name !== "dot-." ? "." + name.slice(4) : name;
}

export function scanPackage(
  fs: FsRead,
  stowDir: string,
  name: string,
  ignore: IgnoreMatcher,
  dotfiles: boolean,
): ScannedPackage {
  const ignored: string[] = [];
  const all: { rel: string; dir: boolean }[] = [];
  const root: PkgNode = { name, targetName: ".", rel: "", targetRel: "", dir: true, children: [] };
  const walk = (node: PkgNode, abs: string) => {
    const list = fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const d of list) {
      const rel = node.rel ? `${node.rel}/${d.name}` : d.name;
      const isDir = d.isDirectory();
      all.push({ rel, dir: isDir });
      // Stow matches the parent's target path (already renamed) joined with the raw name.
      if (ignore.ignores(node.targetRel ? `${node.targetRel}/${d.name}` : d.name)) {
        ignored.push(rel);
        if (isDir) collect(path.join(abs, d.name), rel, all);
        continue;
      }
      const targetName = dotfiles ? adjustDotfile(d.name) : d.name;
      const child: PkgNode = {
        name: d.name,
        targetName,
        rel,
        targetRel: node.targetRel ? `${node.targetRel}/${targetName}` : targetName,
        dir: isDir,
        ...(d.isSymbolicLink() ? { link: fs.readlinkSync(path.join(abs, d.name), "utf8") } : {}),
        children: [],
      };
      node.children.push(child);
      if (isDir) walk(child, path.join(abs, d.name));
    }
  };
  // Everything below an ignored directory, for the glob check.
  const collect = (abs: string, rel: string, into: { rel: string; dir: boolean }[]) => {
    for (const d of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = `${rel}/${d.name}`;
      into.push({ rel: r, dir: d.isDirectory() });
      if (d.isDirectory()) collect(path.join(abs, d.name), r, into);
    }
  };
  walk(root, path.join(stowDir, name));
  return { name, root, ignored, all };
}

// Files (leaves) of a scanned tree, as package-relative paths.
export function leaves(node: PkgNode, out: string[] = []): string[] {
  for (const c of node.children) {
    if (c.dir) leaves(c, out);
    else out.push(c.rel);
  }
  return out;
}
