// Literal Windows inputs for the pure planner: a manifest, desired links and observations with
// win32 paths, as the observer would report them on a Windows machine (dev = volume serial).

import type { LinkEntry, Manifest } from "../../src/manifest/types.js";
import type { DesiredLink, Observed, ParentObserved, SourceObserved, TargetObservation } from "../../src/observe/types.js";
import type { Observation } from "../../src/observe/types.js";
import { ENTRY_DEFAULTS, entryPositions } from "./manifest.js";

export const HOME = "C:\\Users\\Me";
export const DOTS = "C:\\Users\\Me\\dots";
/** Volume serial numbers: C: and D:. */
export const C = 0x1a2b3c4d;
export const D = 0x5e6f7a8b;

export function manifest(links: LinkEntry[] = []): Manifest {
  const file = `${DOTS}\\linkfarm.yaml`;
  return {
    file,
    dir: DOTS,
    hash: "0".repeat(64),
    version: 1,
    sourceRoot: DOTS,
    targetRoot: HOME,
    ignore: [],
    prune: true,
    hooks: { before: [], after: [] },
    links,
  };
}

export function entry(index: number, source: string, target: string, over: Partial<LinkEntry> = {}): LinkEntry {
  const file = `${DOTS}\\linkfarm.yaml`;
  return {
    index,
    source,
    sourceIsGlob: false,
    target,
    targetIsDir: false,
    ...ENTRY_DEFAULTS,
    ...entryPositions(file, index),
    ...over,
  };
}

export function desired(source: string, target: string, over: Partial<DesiredLink> = {}): DesiredLink {
  return { target, source, type: "symlink", relative: false, mkdirs: true, conflict: "fail", entry: 0, ...over };
}

export const fileSource = (realpath: string, dev = C, ino = 100): SourceObserved => ({
  kind: "file",
  dev,
  ino,
  nlink: 1,
  size: 10,
  mtimeMs: 0,
  realpath,
});
export const dirSource = (realpath: string, dev = C, ino = 200): SourceObserved => ({ kind: "dir", dev, ino, realpath });
export const parentAt = (dir: string, dev = C): ParentObserved => ({ existing: dir, existingReal: dir, dev, missing: [] });
/** What lstat + readlink report for a junction on Windows: a symlink with an absolute text. */
export const junctionAt = (text: string): Observed => ({ kind: "symlink", text, dev: C, ino: 0 });

export function target(
  d: DesiredLink,
  source: SourceObserved,
  observed: Observed = { kind: "missing" },
  over: Partial<TargetObservation> = {},
): TargetObservation {
  const dir = d.target.slice(0, d.target.lastIndexOf("\\"));
  return { target: d.target, observed, source, parent: parentAt(dir), ...over };
}

export function observation(pairs: [DesiredLink, TargetObservation][], over: Partial<Observation> = {}): Observation {
  return {
    desired: pairs.map(([d]) => d),
    sourceRootReal: DOTS,
    targets: pairs.map(([, t]) => t),
    prune: [],
    dirs: [],
    ...over,
  };
}
