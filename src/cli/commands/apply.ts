// `linkfarm apply [PLANFILE]`: take the state lock FIRST, then recover, observe, plan and apply
// under it, so that a second concurrent apply plans against the first one's result (planning
// first, then locking, would let two concurrent applies disagree; README.md → Commands says
// both succeed; test/cli/apply.test.ts runs two at once).

import { diag, hasErrors, UserError } from "../../diagnostic.js";
import { apply } from "../../apply/apply.js";
import { acquireLock, type LockHandle } from "../../apply/lock.js";
import { recoverState } from "../../apply/recover.js";
import { staleReasons } from "../../apply/saved-plan.js";
import type { HostFacts, Manifest } from "../../manifest/types.js";
import { observe } from "../../observe/observe.js";
import { plan as makePlan, type PlanOptions } from "../../plan/plan.js";
import { isBlocked, type Plan } from "../../plan/types.js";
import { errnoCode, realFs, realFsRead } from "../../platform/fs.js";
import { readHostFacts, symlinkRights } from "../../platform/host.js";
import { path } from "../../platform/paths.js";
import { renderApplyJson } from "../../report/apply-json.js";
import { renderApplyText } from "../../report/apply-text.js";
import { parsePlanJson } from "../../report/json.js";
import { renderText } from "../../report/text.js";
import { readState } from "../../state/read.js";
import type { State } from "../../state/types.js";
import type { ApplyResult } from "../../apply/types.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { ContextError, locateManifest, printDiagnostics, readStateReplayed, progressFor, withContextErrors } from "../load-context.js";
import type { Progress } from "../../report/progress.js";
import { reportInterrupted, trapInterrupts } from "../interrupt.js";
import { planForDisplay, renderPlan } from "./plan.js";
import { selectionLine } from "../../report/selection.js";
import { selectionFor, splitPlanFile } from "../selectors.js";

/** What apply and unlink decide from, read while holding the state lock. */
export interface LockedContext {
  host: HostFacts;
  manifest: Manifest;
  sources: Map<string, string>;
  stateFile: string;
  state: State;
  /** Absent for a read-only load (dry runs): no lock file, no recovery write. */
  lock?: LockHandle;
}

// Manifest → state file → LOCK → crash recovery → state. The caller releases the lock.
// readOnly: no lock and no write; a crashed run's journal is replayed in memory only.
export async function loadLocked(
  settings: Settings,
  io: IO,
  configOverride?: string,
  readOnly = false,
): Promise<LockedContext> {
  const located = await locateManifest(settings, configOverride);
  const { host, manifest, sources, stateFile, warnings } = located;
  printDiagnostics(io, warnings, sources, false);
  if (readOnly) return { host, manifest, sources, stateFile, state: readStateReplayed(located, realFsRead) };
  const lock = await acquireLock(stateFile, realFs, { timeoutMs: settings.lockTimeoutMs });
  try {
    const rec = recoverState(stateFile, manifest.file, realFs);
    if (rec.diagnostics.length > 0) throw new ContextError(rec.diagnostics, sources);
    const read = readState(stateFile, manifest.file, realFsRead);
    if ("diagnostics" in read) throw new ContextError(read.diagnostics, sources);
    return { host, manifest, sources, stateFile, state: read.state, lock };
  } catch (err) {
    lock.release();
    throw err;
  }
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
  ctx: LockedContext,
  manifest: Manifest,
  settings: Settings,
  io: IO,
  progress?: Progress,
  options: Pick<PlanOptions, "unlink"> = {},
): Plan {
  const conflict = settings.conflict;
  const observed = observe(manifest, ctx.state, {
    fs: realFsRead,
    host: ctx.host,
    ...(conflict ? { conflict } : {}),
    ...(progress ? { progress: progress.report } : {}),
  });
  progress?.end();
  if (hasErrors(observed.diagnostics)) throw new ContextError(observed.diagnostics, ctx.sources);
  printDiagnostics(io, observed.diagnostics, ctx.sources, false);
  const symlinks = symlinkRights(ctx.host);
  // unlink plans a manifest declaring nothing: the declared targets stand in for desired links.
  const desired = manifest.links.length > 0 ? { desired: observed.observation.desired } : {};
  const selection = selectionFor(settings, ctx.host.home, { entries: ctx.manifest.links, state: ctx.state, ...desired });
  return makePlan(manifest, observed.observation, ctx.state, {
    ...options,
    platform: ctx.host.os,
    symlinks,
    ...(conflict ? { conflict } : {}),
    ...(selection ? { selection } : {}),
  });
}

function readSavedPlan(settings: Settings): Plan {
  const file = path.resolve(settings.cwd, settings.planFile!);
  let text: string;
  try {
    text = realFsRead.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError([diag("io", `cannot read the plan file ${file}: ${errnoCode(err) ?? String(err)}`, { file })]);
  }
  const parsed = parsePlanJson(text, file);
  if ("diagnostics" in parsed) throw new UserError(parsed.diagnostics);
  return parsed.plan;
}

// Lock, then plan afresh or check the saved plan, then apply; the lock is held throughout.
async function applyLocked(settings: Settings, io: IO): Promise<number> {
  const saved = settings.planFile !== undefined ? readSavedPlan(settings) : undefined;
  const ctx = await loadLocked(settings, io, saved?.manifest.file);
  const progress = progressFor(settings, io);
  const trap = trapInterrupts(io);
  try {
    let plan: Plan;
    if (saved) {
      const reasons = staleReasons(saved, ctx.manifest.hash, realFsRead);
      if (reasons.length > 0) {
        const more = reasons.length > 3 ? `\n(and ${reasons.length - 3} more)` : "";
        throw new UserError([
          diag("plan-stale", `saved plan is stale: ${reasons.slice(0, 3).join("; ")}${more}\nNothing was changed. Make a new plan.`),
        ]);
      }
      plan = saved;
    } else {
      plan = planLocked(ctx, ctx.manifest, settings, io, progress);
    }
    const home = ctx.host.home;
    if (isBlocked(plan)) {
      if (settings.format === "json") io.stdout(renderApplyJson(plan, undefined));
      else io.stdout(renderText(plan, { home, color: settings.color, verbose: false, quiet: true }));
      return 1;
    }
    const result = await applyUnderLock(plan, ctx, ctx.manifest, settings, progress, trap.signal);
    progress?.end();
    const stopped = trap.exitCode();
    if (result.interrupted && stopped !== undefined) return reportInterrupted(plan, result, io, settings, stopped);
    if (settings.format === "json") io.stdout(renderApplyJson(plan, result));
    else {
      const text =
        renderApplyText(result, { home, color: settings.color, verbose: settings.verbose, quiet: settings.quiet }) +
        (settings.quiet ? "" : selectionLine(plan.selection));
      if (result.ok) io.stdout(text);
      else if (result.hookError) io.stderr(text);
      else io.stdout(text);
    }
    return result.ok ? 0 : 1;
  } finally {
    trap.release();
    progress?.end();
    ctx.lock?.release();
  }
}

export async function runApply(given: Settings, io: IO): Promise<number> {
  return withContextErrors(io, given, async () => {
    const settings = splitPlanFile(given, realFsRead);
    if (settings.dryRun) {
      if (settings.planFile !== undefined) {
        const plan = readSavedPlan(settings);
        io.stdout(renderPlan(plan, settings, readHostFacts(settings.env).home));
        return isBlocked(plan) ? 1 : 0;
      }
      const ctx = await planForDisplay(settings, io);
      io.stdout(renderPlan(ctx.plan, settings, ctx.host.home));
      return isBlocked(ctx.plan) ? 1 : 0;
    }
    return applyLocked(settings, io);
  });
}
