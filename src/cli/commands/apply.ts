// `linkfarm apply [PLANFILE]`: take the state lock FIRST, then recover, observe, plan and apply
// under it, so that a second concurrent apply plans against the first one's result (planning
// first, then locking, would let two concurrent applies disagree; README.md → Commands says
// both succeed; test/cli/apply.test.ts runs two at once).

import { readPlanFile } from "../../apply/saved-plan/file.js";
import { refuseIfStale } from "../../apply/saved-plan/stale.js";
import { isBlocked, type Plan } from "../../plan/types.js";
import { realFs, realFsRead } from "../../platform/fs.js";
import type { Diagnostic } from "../../diagnostic.js";
import { saveVerdictAfterApply, stampStateWhenStill } from "../../apply/verdict-cache-write.js";
import { nowNs } from "../../observe/verdict-cache.js";
import { recordingFs, type Recorder } from "../../observe/verdict-stamps.js";
import { verdictPlan } from "../../pipeline/verdict.js";
import { readHostFacts } from "../../platform/host.js";
import { path } from "../../platform/paths.js";
import { renderApplyJson } from "../../report/apply-json.js";
import { renderApplyText } from "../../report/apply-text.js";
import { selectionLine } from "../../report/selection.js";
import { renderText } from "../../report/text.js";
import type { Settings } from "../args.js";
import { reportInterrupted, trapInterrupts } from "../interrupt.js";
import type { IO } from "../io.js";
import { progressFor } from "../load-context.js";
import { applyUnderLock, lockAndRecover, planLocked, readLocked, type Recovered } from "../locked.js";
import { displayedPlan, renderPlan, servedVerdict } from "../plan-view.js";
import { splitPlanFile } from "../selectors.js";

function readSavedPlan(settings: Settings): Plan {
  return readPlanFile(path.resolve(settings.cwd, settings.planFile!), realFsRead);
}

// Under the lock, after recovery: the verdict cache says every link is in place → the in-sync
// apply's output ("No changes."), without reading the state or planning. False: plan as usual.
function inSyncByVerdict(settings: Settings, io: IO, { located }: Recovered): boolean {
  const links = servedVerdict(settings, located);
  if (links === undefined) return false;
  const plan = verdictPlan(located.manifest, links);
  stampStateWhenStill(realFs, located.stateFile);
  io.stdout(renderText(plan, { home: located.host.home, color: settings.color, verbose: false, quiet: settings.quiet }));
  return true;
}

// Lock, then plan afresh or check the saved plan, then apply; the lock is held throughout.
async function applyLocked(settings: Settings, io: IO): Promise<number> {
  const saved = settings.planFile !== undefined ? readSavedPlan(settings) : undefined;
  const recovered = await lockAndRecover(settings, io, saved?.manifest.file);
  if (!saved) {
    let done: boolean;
    try {
      done = inSyncByVerdict(settings, io, recovered);
    } catch (err) {
      recovered.lock.release();
      throw err;
    }
    if (done) {
      recovered.lock.release();
      return 0;
    }
  }
  const ctx = readLocked(recovered);
  const progress = progressFor(settings, io);
  const trap = trapInterrupts(io);
  try {
    let plan: Plan;
    // A fresh plan records what its observation looked at, for the verdict cache.
    let fresh: { recorder: Recorder; startedNs: bigint; diagnostics: Diagnostic[] } | undefined;
    if (saved) {
      refuseIfStale(saved, ctx.manifest.hash, realFsRead);
      plan = saved;
    } else {
      fresh = { recorder: recordingFs(realFsRead), startedNs: nowNs(), diagnostics: [] };
      const { recorder, diagnostics } = fresh;
      plan = planLocked(ctx, ctx.manifest, settings, io, progress, settings.cache ? { fs: recorder.fs, diagnostics } : {});
    }
    const home = ctx.host.home;
    if (isBlocked(plan)) {
      if (settings.format === "json") io.stdout(renderApplyJson(plan, undefined));
      else io.stdout(renderText(plan, { home, color: settings.color, verbose: false, quiet: true }));
      return 1;
    }
    const result = await applyUnderLock(plan, ctx, ctx.manifest, settings, progress, trap.signal);
    progress?.end();
    if (fresh && settings.cache) {
      const { manifest, host, stateFile } = ctx;
      const { text } = recovered.located;
      saveVerdictAfterApply({ fs: realFs, stateFile, manifest, host, conflict: settings.conflict, plan, result, text, ...fresh });
    }
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
    ctx.lock.release();
  }
}

export async function runApply(given: Settings, io: IO): Promise<number> {
  const settings = splitPlanFile(given, realFsRead);
  if (settings.dryRun) {
    if (settings.planFile !== undefined) {
      const plan = readSavedPlan(settings);
      io.stdout(renderPlan(plan, settings, readHostFacts(settings.env).home));
      return isBlocked(plan) ? 1 : 0;
    }
    const ctx = await displayedPlan(settings, io);
    io.stdout(renderPlan(ctx.plan, settings, ctx.host.home));
    return isBlocked(ctx.plan) ? 1 : 0;
  }
  return applyLocked(settings, io);
}
