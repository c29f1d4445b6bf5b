// `linkfarm plan`: read, observe, diff, print. The only write is `--out FILE`, to the file the
// user named. Exit: 1 when blocked; with --detailed-exitcode 2 when changes are pending.

import { writePlanFile } from "../../apply/saved-plan/file.js";
import { hasChanges, isBlocked } from "../../plan/types.js";
import { realFs } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { displayedPlan, renderPlan } from "../plan-view.js";

export async function runPlan(settings: Settings, io: IO): Promise<number> {
  const ctx = await displayedPlan(settings, io);
  if (settings.planOutFile !== undefined) writePlanFile(path.resolve(settings.cwd, settings.planOutFile), ctx.plan, realFs);
  io.stdout(renderPlan(ctx.plan, settings, ctx.host.home));
  if (isBlocked(ctx.plan)) return 1;
  if (settings.detailedExitcode && hasChanges(ctx.plan)) return 2;
  return 0;
}
