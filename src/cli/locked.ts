// What apply and unlink share: the state read under the lock (or read-only for a dry run),
// a plan made against it, and the plan executed under that lock.

import { UserError, type Diagnostic } from "../diagnostic.js";
import { apply } from "../apply/apply.js";
import { acquireLock, type LockHandle } from "../apply/lock.js";
import { recoverState } from "../apply/recover.js";
import type { ApplyResult } from "../apply/types.js";
import type { Manifest } from "../manifest/types.js";
import type { DesiredLink } from "../expand/types.js";
import { observeAndPlan, type PipelineOptions } from "../pipeline/pipeline.js";
import type { Plan } from "../plan/types.js";
import { realFs, realFsRead, type FsRead } from "../platform/fs.js";
import type { Progress } from "../report/progress.js";
import { readState } from "../state/read.js";
import type { Settings } from "./args.js";
import type { IO } from "./io.js";
import { loadBase, loadManifestContext, printDiagnostics, printSkipped, type BaseContext, type ManifestContext } from "./load-context.js";
import { selectionFor } from "./selectors.js";

/** What apply and unlink decide from: the manifest and the recorded state. */
export type StateContext = Omit<BaseContext, "warnings">;

/** A StateContext read while holding the state lock (the caller releases it). */
export interface LockedContext extends StateContext {
  lock: LockHandle;
}

// Manifest → state file, without the lock and without writing (dry runs): a crashed run's
// journal is replayed in memory only (loadBase), the manifest's warnings printed.
export async function loadUnlocked(settings: Settings, io: IO): Promise<StateContext> {
  const base = await loadBase(settings);
  printDiagnostics(io, base.warnings, base.sources, false);
  return base;
}

/** The manifest, with the state lock held and a crashed run recovered; the state not read yet. */
export interface Recovered {
  located: ManifestContext;
  lock: LockHandle;
}

// Manifest → state file → LOCK → crash recovery. The caller releases the lock.
export async function lockAndRecover(settings: Settings, io: IO, configOverride?: string): Promise<Recovered> {
  const located = await loadManifestContext(settings, configOverride);
  const { manifest, sources, stateFile, warnings } = located;
  printDiagnostics(io, warnings, sources, false);
  const lock = await acquireLock(stateFile, realFs, { timeoutMs: settings.lockTimeoutMs });
  try {
    const rec = recoverState(stateFile, manifest.file, realFs);
    if (rec.diagnostics.length > 0) throw new UserError(rec.diagnostics, 1, sources);
    return { located, lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

// The state, read under the lock lockAndRecover took (released here when reading fails).
export function readLocked({ located, lock }: Recovered): LockedContext {
  const { host, manifest, sources, stateFile } = located;
  try {
    const read = readState(stateFile, manifest.file, realFsRead);
    if ("diagnostics" in read) throw new UserError(read.diagnostics, 1, sources);
    return { host, manifest, sources, stateFile, state: read.state, lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

// Manifest → state file → LOCK → crash recovery → state. The caller releases the lock.
export async function loadLocked(settings: Settings, io: IO, configOverride?: string): Promise<LockedContext> {
  return readLocked(await lockAndRecover(settings, io, configOverride));
}

// Execute a plan with the lock loadLocked took (the caller releases it): the real file system,
// `manifest`'s hooks (unlink passes a reshaped manifest without any), run in its directory.
export function applyUnderLock(
  plan: Plan,
  ctx: LockedContext,
  manifest: Manifest,
  settings: Settings,
  progress?: Progress,
  signal?: AbortSignal,
): Promise<ApplyResult> {
  return apply(plan, {
    fs: realFs,
    state: ctx.state,
    stateFile: ctx.stateFile,
    manifestDir: manifest.dir,
    hooks: manifest.hooks,
    env: settings.env,
    platform: ctx.host.os,
    alreadyLocked: true,
    ...(progress ? { progress: progress.report } : {}),
    ...(signal ? { signal } : {}),
  });
}

// Observe and plan a manifest (possibly reshaped, as unlink does) against the locked state.
export function planLocked(
  ctx: StateContext,
  manifest: Manifest,
  settings: Settings,
  io: IO,
  progress?: Progress,
  options: Pick<PipelineOptions, "unlink"> & {
    /** Read through this instead (apply records what the observation looked at). */
    fs?: FsRead;
    /** Filled with the pipeline's diagnostics (warnings; errors are thrown). */
    diagnostics?: Diagnostic[];
  } = {},
): Plan {
  const conflict = settings.conflict;
  // unlink plans a manifest declaring nothing: the declared targets stand in for desired links.
  const select = (desired: readonly DesiredLink[]) =>
    selectionFor(settings, ctx.host.home, { entries: ctx.manifest.links, state: ctx.state, ...(manifest.links.length > 0 ? { desired } : {}) });
  const { fs = realFsRead, diagnostics, ...pipeline } = options;
  const done = observeAndPlan(manifest, ctx.state, { fs, host: ctx.host, ...(progress ? { progress: progress.report } : {}) }, {
    ...pipeline,
    ...(conflict ? { conflict } : {}),
    select,
  });
  progress?.end();
  if (!done.plan) throw new UserError(done.diagnostics, 1, ctx.sources);
  printDiagnostics(io, done.diagnostics, ctx.sources, false);
  diagnostics?.push(...done.diagnostics);
  // unlink plans a manifest declaring nothing: nothing was skipped.
  if (manifest.links.length > 0) printSkipped(io, settings, manifest, done.observation.desired, ctx.host);
  return done.plan;
}
