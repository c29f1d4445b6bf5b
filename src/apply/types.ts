// The applier's contract: what it needs (ApplyDeps) and what it reports (ApplyResult).

import type { Hook } from "../manifest/types.js";
import type { FsWrite } from "../platform/fs.js";
import type { Action } from "../plan/types.js";
import type { State } from "../state/types.js";

/** What happened to one action. */
export type OutcomeStatus = "done" | "stale" | "failed" | "unchanged";

/** What applying reports while it works: change `done` of `total`, before each step (display only). */
export type ApplyProgress = { phase: "apply"; done: number; total: number };

export interface Outcome {
  action: Action;
  status: OutcomeStatus;
  /** Why it is stale/failed/unchanged, or a remark about what was done. Display only. */
  detail?: string;
  /** Where the thing in the way went (`backup` resolution). */
  backup?: string;
}

/** A hook command's result. */
export interface HookRun {
  command: string;
  exitCode: number;
  /** stdout and stderr, interleaved. */
  output: string;
}

export type HookRunner = (command: string, cwd: string) => Promise<HookRun>;

export interface ApplyDeps {
  fs: FsWrite;
  /** The state the plan was made against (already recovered from any journal). */
  state: State;
  stateFile: string;
  /** Hooks without their own `cwd` run here. */
  manifestDir: string;
  hooks: { before: Hook[]; after: Hook[] };
  /** Defaults to execa with `shell: true` (imported lazily). */
  runHook?: HookRunner;
  /** Environment for hooks (defaults to the process environment). */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** The OS of the machine the plan is applied on (HostFacts.os): junctions, link texts. */
  platform: string;
  /** Display only (a progress line): called before each step that changes the disk. */
  progress?: (e: ApplyProgress) => void;
  /**
   * Aborted (e.g. on SIGINT): the step under way finishes, the rest is not begun, the state is
   * written, and the result says `interrupted`. Also: with a signal the work yields to the
   * event loop every few milliseconds, so that signal handlers get to run.
   */
  signal?: AbortSignal;
}

export interface ApplyResult {
  outcomes: Outcome[];
  /** The new state (already written unless nothing changed). */
  state: State;
  /** True when something on disk changed. */
  changed: boolean;
  /** How many parent directories this run created (mkdirs), each counted once. */
  dirsCreated?: number;
  /** False when any action was stale or failed, or a hook failed. */
  ok: boolean;
  /** The failing hook, if one failed (no action runs after a failed before-hook). */
  hookError?: HookRun & { phase: "before" | "after" };
  /** The signal aborted the run: actions not reached are `failed` ("not reached"), ok is false. */
  interrupted?: boolean;
  /** Set when the plan holds conflicts or errors: nothing was touched. */
  blocked?: import("../plan/types.js").Action[];
}

export interface ApplyLockOptions {
  /** How long to wait for another linkfarm holding the state lock (default 10 s). */
  lockTimeoutMs?: number;
  /** The caller already holds the state lock (the CLI takes it before observing). */
  alreadyLocked?: boolean;
}
