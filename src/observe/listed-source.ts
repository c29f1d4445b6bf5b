// Telling a probed source (lstat: device and inode) from one the walk listed (observe.ts
// listedAs: a symlink or junction whose text decides). Pure.

import type { ProbedSource, SourceObserved } from "./types.js";

/** The source was probed: a file or directory has its device and inode. */
export function isProbed<S extends SourceObserved>(s: S): s is Extract<S, ProbedSource> {
  return (s.kind !== "file" && s.kind !== "dir") || "dev" in s;
}
