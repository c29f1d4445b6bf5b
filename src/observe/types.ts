// What the observer saw. Plain data: no methods, no decisions, JSON-serialisable (saved plans
// carry these so that `apply PLANFILE` can check that every observation still holds).

import type { DesiredLink } from "../expand/types.js";

export type { ConcreteLink, DesiredLink, GlobNoMatch, SourceListing } from "../expand/types.js";

/** What observing reports while it works (a progress line; display only, nothing decides from these). */
export type ObserveProgress =
  /** Observing desired link `done` of `total` (reported before each probe). */
  | { phase: "observe"; done: number; total: number }
  /** Comparing a target's bytes with its source (reported before the comparison). */
  | { phase: "compare"; path: string; bytes: number };

/** One path, as lstat (and readlink) saw it. Never follows a final symlink. */
export type Observed =
  | { kind: "missing" }
  | { kind: "file"; dev: number; ino: number; nlink: number; size: number; mtimeMs: number }
  | { kind: "dir"; dev: number; ino: number }
  | { kind: "symlink"; text: string; dev: number; ino: number }
  | { kind: "other"; what: "fifo" | "socket" | "block-device" | "char-device" | "unknown" };

/** What a symlink's text leads to, followed (stat). Only probed when the text alone cannot decide. */
export type Resolved = { kind: "missing" } | { kind: "file" | "dir" | "other"; path: string };

/**
 * The source of a desired link. A source that is itself a symlink is linked as the symlink (as
 * GNU Stow does), so it is observed with lstat: `symlink`, whether or not it resolves. Any
 * other source is followed as before (only its parent chain may hold symlinks).
 */
export type SourceObserved = ProbedSource | ListedSource;

/** A source as lstat (and readlink, stat) saw it: with its device and inode where it has them. */
export type ProbedSource =
  | { kind: "missing" }
  | { kind: "file"; dev: number; ino: number; nlink: number; size: number; mtimeMs: number; realpath: string }
  | { kind: "dir"; dev: number; ino: number; realpath: string }
  | { kind: "other"; realpath: string }
  | SymlinkSource;

/**
 * The source of a symlink or junction whose target already decides (nothing there, or a
 * symlink holding the desired text): a link's correctness depends only on its text, so the
 * source is not probed; its kind is what the source walk listed, so it has no device or inode.
 */
export interface ListedSource {
  kind: "file" | "dir";
  realpath: string;
}

/** A source that is a symlink (lstat). `realpath` is where the symlink itself is (its parent
 * resolved, its own name kept), not what it points at. */
export interface SymlinkSource {
  kind: "symlink";
  text: string;
  dev: number;
  ino: number;
  realpath: string;
  /** What the symlink leads to now (stat); "missing" when it dangles. Not re-checked by apply. */
  to: "file" | "dir" | "other" | "missing";
  /** realpath of what it leads to, when it resolves. */
  resolved?: string;
  /** Size of the file it leads to (to: "file"), for the content comparison of a file at the target. */
  size?: number;
}

/** The target's parent chain: what exists, what mkdirs would create, what blocks. */
export interface ParentObserved {
  /** Nearest existing ancestor directory of the target (absolute, lexical). */
  existing: string;
  /** realpath(existing): where writes below it really land. */
  existingReal: string;
  /** Device of `existing` (hard links cannot span devices). */
  dev: number;
  /** Ancestors that do not exist yet, outermost first (what `mkdirs` would create). */
  missing: string[];
  /** An ancestor that exists but is not a directory (a file, a FIFO...), if any. */
  blockedBy?: string;
  /** What `blockedBy` is, for the message: a file, a dangling symlink, a symlink loop, other. */
  blockedWhy?: "file" | "dangling-symlink" | "symlink-loop" | "not-a-directory";
}

/** Where two devices are mounted, for "cross-device: /home and /mnt/data". Probed on mismatch only. */
export interface MountPair {
  source: string;
  target: string;
}

export interface TargetObservation {
  target: string;
  observed: Observed;
  /** For a symlink target whose text is not the desired text: what it resolves to. */
  resolved?: Resolved;
  source: SourceObserved;
  parent: ParentObserved;
  /**
   * For a regular-file target that is not the source's inode: does its content equal the
   * source's? Sizes first, then a streamed comparison. Absent when not needed.
   */
  sameContent?: boolean;
  /** For a directory target: is it empty? (overwrite never deletes a non-empty directory) */
  dirEmpty?: boolean;
  /** Only when a hard link would span devices. */
  mounts?: MountPair;
}

/** A path recorded in state that is no longer desired: what is there now. */
export interface PruneObservation {
  target: string;
  observed: Observed;
  /**
   * For a hard link that is now the last name of its data: what is at its recorded source path
   * (lstat), so that "the source is gone" is said only when it is. Absent otherwise.
   */
  source?: Observed;
}

/** A directory linkfarm created, now possibly unneeded: its current entries (names). */
export interface DirObservation {
  path: string;
  observed: Observed;
  entries?: string[];
}

export interface Observation {
  desired: DesiredLink[];
  /** realpath(manifest.sourceRoot), for "into the source tree" checks; absent → the lexical root. */
  sourceRootReal?: string;
  targets: TargetObservation[];
  prune: PruneObservation[];
  dirs: DirObservation[];
}

/** A link recorded in state, as it is now (`status`; observe/recorded.ts). */
export interface RecordedObservation {
  target: string;
  observed: Observed;
  /** A symlink or junction at the target: does its text lead anywhere (stat)? */
  leads?: boolean;
  /** When it does not: the recorded source path itself (lstat), e.g. a dangling symlink source. */
  sourcePath?: Observed;
  /** A hard link whose target is a file: its recorded source, as the observer records a source. */
  source?: ProbedSource;
}
