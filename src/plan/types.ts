// The plan is a value: a sorted list of actions, each carrying what it observed. It can be
// printed, saved to a file, and executed later by apply, which re-checks every observation.

import type { ConflictPolicy, LinkType } from "../manifest/types.js";
import type { Observed, SourceObserved } from "../observe/types.js";

export type ActionKind = "ok" | "create" | "repair" | "replace" | "remove" | "forget" | "conflict" | "error";

export const ACTION_KINDS: readonly ActionKind[] = [
  "ok",
  "create",
  "repair",
  "replace",
  "remove",
  "forget",
  "conflict",
  "error",
];

/** Why an action has its kind. Machine-readable twin of `reason`; display and tests only. */
export type ReasonCode =
  // ok
  | "in-place"
  // create
  | "missing"
  // repair
  | "dangling"
  | "wrong-target"
  | "symlink-to-hardlink"
  | "hardlink-to-symlink"
  | "editor-replaced-same-content"
  | "source-replaced-same-content"
  | "identical-file"
  // replace / conflict
  | "different-content"
  | "directory"
  | "nonempty-directory"
  | "foreign-symlink"
  | "foreign-dangling-symlink"
  | "diverged"
  | "source-replaced-diverged"
  | "special-file"
  // remove (delete)
  | "not-declared"
  | "created-dir-empty"
  | "unlinked"
  // forget (leave the path, drop it from state)
  | "last-name"
  | "last-name-source-replaced"
  | "changed-since-made"
  | "already-gone"
  // error
  | "source-missing"
  | "source-not-file-or-dir"
  | "hardlink-to-dir"
  | "junction-to-file"
  | "cross-device"
  | "target-is-source"
  | "into-source-tree"
  | "parent-not-directory"
  | "parent-missing"
  | "adopt-impossible"
  | "newer-impossible"
  | "neither-newer"
  | "hardlink-to-symlink-source"
  | "glob-no-match"
  | "auto-impossible";

/** The conflict policy that turned a conflict into a replace. */
export type Resolution = Exclude<ConflictPolicy, "fail">;

interface ActionBase {
  /** Absolute path of the link (or, for a directory removal, the directory). */
  target: string;
  reasonCode: ReasonCode;
  /**
   * One line for people ("dangling: points to /old/path"). Display only: the applier never
   * reads it; it decides from `kind`, `resolution` and `observed`.
   */
  reason: string;
}

/** An action about a link the manifest declares. */
export interface LinkAction extends ActionBase {
  kind: "ok" | "create" | "repair" | "replace" | "conflict" | "error";
  type: LinkType;
  /** Absolute source path. */
  source: string;
  /** For symlinks and junctions: the exact text the link will hold. */
  linkText?: string;
  /** Index of the manifest entry this link comes from. */
  entry: number;
  /** That entry's name (recorded in state, so that a selection prunes only its own links). */
  name?: string;
  /** What was at the target when planned. The applier re-checks it before acting (stale). */
  observed: Observed;
  /** What the source was when planned (hard links are checked against its dev/ino). */
  sourceObserved: SourceObserved;
  /** Directories to create first (mkdirs), outermost first. Empty when the parent exists. */
  mkdirs: string[];
  /** For `replace`: how the thing in the way is dealt with. */
  resolution?: Resolution;
  /**
   * For `conflict`: the policies that would resolve it (backup first), decided by the planner
   * (plan/fixes.ts). Reporters print it; they never work it out themselves.
   */
  fixes?: Resolution[];
  /**
   * For a `newer` replace: the side whose content wins (the newer modification time). Display
   * and JSON only: the applier decides again from `observed` and `sourceObserved` (re-checked).
   */
  winner?: "target" | "source";
  /** An extra remark (e.g. "junction made as a directory symlink on linux"). Display only. */
  note?: string;
  /**
   * "auto": the manifest asked for `type: auto` and `type` is the kind chosen for this machine.
   * A planned symlink may then fall back at apply to a junction (directory) or a hard link
   * (file) when Windows refuses it or does not really make it.
   */
  requested?: "auto";
}

/**
 * Prune: something recorded in state that is no longer desired. `remove` deletes the path (it
 * is still exactly what linkfarm made); `forget` leaves the path alone and drops it from state
 * (it changed since, it is the last name of its data, or it is already gone).
 */
export interface RemoveAction extends ActionBase {
  kind: "remove" | "forget";
  /** What linkfarm made there ("dir" for a directory it created). */
  type: LinkType | "dir";
  source?: string;
  linkText?: string;
  /** What is there now. The applier re-checks it before acting (`remove` only). */
  observed: Observed;
}

export type Action = LinkAction | RemoveAction;

/** A prune action (`remove` or `forget`): about a state entry, not a declared link. */
export function isPrune(a: Action): a is RemoveAction {
  return a.kind === "remove" || a.kind === "forget";
}

export type Summary = Record<ActionKind, number>;

export interface Plan {
  formatVersion: 1;
  manifest: {
    /** Absolute path of the manifest file. */
    file: string;
    /** sha256 of its bytes: a saved plan is refused when it changed. */
    hash: string;
  };
  /** Sorted by target (removals of directories after what is inside them). */
  actions: Action[];
  summary: Summary;
  /** Set when selectors narrowed the plan: it is partial. */
  selection?: PlanSelection;
}

/**
 * What a partial plan covers. Display only: the actions are already narrowed to it. `total`
 * counts the links the manifest declares on this machine plus those only the state records
 * (for unlink and status: the state's links); `selected` how many of them are selected.
 */
export interface PlanSelection {
  /** The selectors as typed (`vim`, `~/.config/nvim`). */
  selectors: string[];
  selected: number;
  total: number;
}

/** True when the plan holds anything that blocks apply. */
export function isBlocked(plan: Plan): boolean {
  return plan.summary.conflict > 0 || plan.summary.error > 0;
}

/** True when applying the plan would change something on disk or in state (a forget changes state). */
export function hasChanges(plan: Plan): boolean {
  const s = plan.summary;
  return s.create + s.repair + s.replace + s.remove + s.forget > 0;
}
