// Writes a generated scenario (test/helpers/gen.ts) onto a real disk: the source tree, the
// outside world, parent directories and what is at each target; and the edits made between
// an earlier apply and the run under test.

import * as fs from "node:fs";
import * as path from "node:path";
import { CONTENTS, manifestText, type DiskItem, type Perturb, type Scenario } from "./gen.js";

// Where things live in one case's temp directory.
export interface Layout {
  root: string;
  repo: string;
  src: string;
  home: string;
  other: string;
  manifest: string;
}

// The layout under `root`.
export function layout(root: string): Layout {
  return {
    root,
    repo: path.join(root, "repo"),
    src: path.join(root, "repo", "s"),
    home: path.join(root, "home"),
    other: path.join(root, "other"),
    manifest: path.join(root, "repo", "linkfarm.yaml"),
  };
}

function isDirOrAbsent(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return true;
  }
}

// Sources, the outside world (`other/`) and the manifest.
export function writeWorld(L: Layout, sc: Scenario): void {
  fs.mkdirSync(L.src, { recursive: true });
  fs.mkdirSync(L.home, { recursive: true });
  fs.mkdirSync(path.join(L.other, "outdir"), { recursive: true });
  fs.writeFileSync(path.join(L.other, "o1"), "outside\n");
  for (const [rel, c] of Object.entries(sc.sources)) {
    if (c === null) continue;
    const abs = path.join(L.src, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, CONTENTS[c]!);
  }
  fs.symlinkSync("f0", path.join(L.src, "lnk"));
  fs.writeFileSync(L.manifest, manifestText(sc.links, sc.prune));
}

// Parents, then disk items; a path whose parent is not a real directory (a file, a symlink)
// is left alone.
export function writeDisk(L: Layout, sc: Scenario): void {
  for (const [rel, item] of Object.entries(sc.parents)) {
    const abs = path.join(L.home, rel);
    switch (item.kind) {
      case "absent":
        break;
      case "dir":
        fs.mkdirSync(abs, { recursive: true });
        break;
      case "symlink-out":
        fs.symlinkSync(path.join(L.other, "outdir"), abs);
        break;
      case "symlink-into-source":
        fs.symlinkSync(path.join(L.src, "d0"), abs);
        break;
      case "file":
        fs.writeFileSync(abs, "a file where a directory belongs\n");
        break;
    }
  }
  for (const [rel, item] of Object.entries(sc.disk)) writeItem(L, rel, item);
}

function writeItem(L: Layout, rel: string, item: DiskItem): void {
  if (item.kind === "absent") return;
  const abs = path.join(L.home, rel);
  // Only below real directories of HOME (never into the source through a symlinked parent).
  let dir = path.dirname(abs);
  const chain: string[] = [];
  while (dir !== L.home) {
    chain.unshift(dir);
    dir = path.dirname(dir);
  }
  for (const d of chain) {
    if (!isDirOrAbsent(d)) return;
    if (fs.lstatSync(d, { throwIfNoEntry: false }) === undefined) fs.mkdirSync(d);
  }
  if (fs.lstatSync(abs, { throwIfNoEntry: false }) !== undefined) return;
  switch (item.kind) {
    case "file":
      fs.writeFileSync(abs, CONTENTS[item.content]!);
      break;
    case "empty-dir":
      fs.mkdirSync(abs);
      break;
    case "dir":
      fs.mkdirSync(abs);
      fs.writeFileSync(path.join(abs, "keep"), `kept ${CONTENTS[item.content]}`);
      break;
    case "dangling":
      fs.symlinkSync(path.join(L.root, "nowhere"), abs);
      break;
    case "foreign":
      fs.symlinkSync(path.join(L.other, "o1"), abs);
      break;
    case "into-source":
      fs.symlinkSync(path.join(L.src, item.to), abs);
      break;
    case "hardlink-of":
      if (fs.existsSync(path.join(L.src, item.to))) fs.linkSync(path.join(L.src, item.to), abs);
      break;
  }
}

// Edits made between an earlier apply and the run under test.
export function perturb(L: Layout, ops: Perturb[]): void {
  for (const p of ops) {
    try {
      switch (p.op) {
        case "editor-save": {
          const abs = path.join(L.home, p.target);
          if (!fs.lstatSync(abs).isFile()) break;
          fs.writeFileSync(`${abs}.swp`, CONTENTS[p.content]!);
          fs.renameSync(`${abs}.swp`, abs);
          break;
        }
        case "delete-target": {
          const abs = path.join(L.home, p.target);
          if (!fs.lstatSync(abs).isDirectory()) fs.unlinkSync(abs);
          break;
        }
        case "source-replace": {
          const abs = path.join(L.src, p.source);
          fs.writeFileSync(`${abs}.new`, CONTENTS[p.content]!);
          fs.renameSync(`${abs}.new`, abs);
          break;
        }
        case "source-edit":
          fs.writeFileSync(path.join(L.src, p.source), CONTENTS[p.content]!);
          break;
        case "source-delete":
          fs.unlinkSync(path.join(L.src, p.source));
          break;
      }
    } catch {
      // the path is not there (or not a file): nothing to edit
    }
  }
}
