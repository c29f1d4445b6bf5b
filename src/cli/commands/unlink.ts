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
import { withContextErrors } from "../load-context.js";
import { reportInterrupted, trapInterrupts } from "../interrupt.js";
import { applyUnderLock, loadLocked, planLocked } from "./apply.js";

// The manifest as if it declared nothing: prune then claims every recorded link.
function declaringNothing(m: Manifest): Manifest {
  return { ...m, links: [], prune: true, hooks: { before: [], after: [] } };
}

export async function runUnlink(settings: Settings, io: IO): Promise<number> {
  return withContextErrors(io, settings, async () => {
    // A dry run takes no lock and writes nothing.
    const ctx = await loadLocked({ ...settings, conflict: undefined }, io, undefined, settings.dryRun);
    try {
      const home = ctx.host.home;
      const manifest = declaringNothing(ctx.manifest);
      const plan = planLocked(ctx, manifest, { ...settings, conflict: undefined }, io, undefined, { unlink: true });
      // A selection restores only the backups of the links it unlinks.
      const only = plan.selection ? { only: new Set(plan.actions.map((a) => a.target)) } : {};
      const selected = settings.quiet ? "" : selectionLine(plan.selection);
      if (settings.dryRun) {
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
    } finally {
      ctx.lock?.release();
    }
  });
}
