// `linkfarm unlink`: remove every link this manifest manages, with prune's safety rules: plan
// the same manifest with no links and prune on, so every state entry becomes a remove (or a
// forget when it changed or is the last name of its data). `--restore` puts backups back.

import { restoreBackups, type RestoreOutcome } from "../../apply/restore.js";
import type { Manifest } from "../../manifest/types.js";
import { isBlocked } from "../../plan/types.js";
import { realFs } from "../../platform/fs.js";
import { renderApplyJson } from "../../report/apply-json.js";
import { renderApplyText, renderRestoreText } from "../../report/apply-text.js";
import { renderJson } from "../../report/json.js";
import { renderText } from "../../report/text.js";
import { selectionLine } from "../../report/selection.js";
import { writeStateFile } from "../../state/write.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { reportInterrupted, trapInterrupts } from "../interrupt.js";
import { applyUnderLock, loadLocked, loadUnlocked, planLocked, type LockedContext, type StateContext } from "../locked.js";

// The manifest as if it declared nothing: prune then claims every recorded link.
function declaringNothing(m: Manifest): Manifest {
  return { ...m, links: [], prune: true, hooks: { before: [], after: [] } };
}

// The plan that unlinks every recorded link (in the selection), and what the reports share.
function unlinkPlan(ctx: StateContext, settings: Settings, io: IO) {
  const manifest = declaringNothing(ctx.manifest);
  const plan = planLocked(ctx, manifest, { ...settings, conflict: undefined }, io, undefined, { unlink: true });
  // A selection restores only the backups of the links it unlinks.
  const only = plan.selection ? { only: new Set(plan.actions.map((a) => a.target)) } : {};
  const selected = settings.quiet ? "" : selectionLine(plan.selection);
  return { manifest, plan, only, selected, home: ctx.host.home };
}

export async function runUnlink(settings: Settings, io: IO): Promise<number> {
  const given = { ...settings, conflict: undefined };
  // A dry run takes no lock and writes nothing.
  if (settings.dryRun) return unlinkDryRun(await loadUnlocked(given, io), settings, io);
  const ctx = await loadLocked(given, io);
  try {
    return await unlinkUnderLock(ctx, settings, io);
  } finally {
    ctx.lock.release();
  }
}

function unlinkDryRun(ctx: StateContext, settings: Settings, io: IO): number {
  const { plan, only, selected, home } = unlinkPlan(ctx, settings, io);
  const restored = settings.restore
    ? restoreBackups(ctx.state, realFs, {
        dryRun: true,
        freed: new Set(plan.actions.filter((a) => a.kind === "remove").map((a) => a.target)),
        ...only,
      })
    : undefined;
  if (settings.format === "json") io.stdout(renderJson(plan));
  else {
    io.stdout(renderText(plan, { home, color: settings.color, verbose: settings.verbose, quiet: settings.quiet }) + selected);
    if (restored) io.stdout(renderRestoreText(restored, { home, quiet: settings.quiet }));
  }
  return isBlocked(plan) ? 1 : 0;
}

async function unlinkUnderLock(ctx: LockedContext, settings: Settings, io: IO): Promise<number> {
  const { manifest, plan, only, selected, home } = unlinkPlan(ctx, settings, io);
  if (plan.actions.length === 0 && !settings.restore) {
    if (settings.format === "json") io.stdout(renderJson(plan));
    else if (!settings.quiet)
      io.stdout(plan.selection ? `Nothing to unlink: the state records no links in the selection.\n${selected}` : "Nothing to unlink: the state records no links.\n");
    return 0;
  }
  const trap = trapInterrupts(io);
  let result;
  try {
    result = await applyUnderLock(plan, ctx, manifest, settings, undefined, trap.signal);
  } finally {
    trap.release();
  }
  const stopped = trap.exitCode();
  if (result.interrupted && stopped !== undefined) return reportInterrupted(plan, result, io, settings, stopped);
  let restored: RestoreOutcome[] | undefined;
  if (settings.restore) {
    restored = restoreBackups(result.state, realFs, { dryRun: false, ...only });
    if (restored.some((r) => r.status === "restored" || r.status === "missing")) {
      writeStateFile(ctx.stateFile, result.state, realFs);
    }
  }
  if (settings.format === "json") io.stdout(renderApplyJson(plan, result, restored ? { restored } : {}));
  else {
    io.stdout(renderApplyText(result, { home, color: settings.color, verbose: settings.verbose, quiet: settings.quiet }) + selected);
    if (restored) io.stdout(renderRestoreText(restored, { home, quiet: settings.quiet }));
  }
  return result.ok ? 0 : 1;
}
