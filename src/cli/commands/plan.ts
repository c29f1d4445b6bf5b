// `linkfarm plan`: read, observe, diff, print. The only write is `--out FILE`, to the file the
// user named. Exit: 1 when blocked; with --detailed-exitcode 2 when changes are pending.

import { diag, UserError } from "../../diagnostic.js";
import { hasChanges, isBlocked, type Plan } from "../../plan/types.js";
import { assertNever } from "../../assert.js";
import { errnoCode, realFs } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import { renderJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderSkippedText } from "../../report/skipped.js";
import { skippedEntries } from "../../plan/skipped.js";
import { renderText } from "../../report/text.js";
import { selectionLine } from "../../report/selection.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { loadContext, printDiagnostics, progressFor, withContextErrors, type Context } from "../load-context.js";

// Temp sibling + fsync + rename: a reader never sees half a plan.
function savePlan(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.linkfarm-tmp-${process.pid}`);
  try {
    const fd = realFs.openSync(tmp, "w", 0o644);
    try {
      realFs.writeSync(fd, text);
      realFs.fsyncSync(fd);
    } finally {
      realFs.closeSync(fd);
    }
    realFs.renameSync(tmp, file);
  } catch (err) {
    try {
      realFs.unlinkSync(tmp);
    } catch {
      // nothing was left behind
    }
    const code = errnoCode(err) ?? String(err);
    throw new UserError([diag("io", `cannot write the plan to ${file}: ${code}`, { file })]);
  }
}

// The plan in the requested format (`apply --dry-run` prints exactly this too).
export function renderPlan(plan: Plan, settings: Settings, home: string): string {
  switch (settings.format) {
    case "json":
      return renderJson(plan);
    case "markdown":
      return renderMarkdown(plan, { home }) + selectionLine(plan.selection);
    case "text":
      return (
        renderText(plan, { home, color: settings.color, verbose: settings.verbose, quiet: settings.quiet }) +
        (settings.quiet ? "" : selectionLine(plan.selection))
      );
    default:
      return assertNever(settings.format);
  }
}

// The read-only plan with the progress line on a terminal and warnings on stderr (`plan` and
// `apply --dry-run`).
export async function planForDisplay(settings: Settings, io: IO): Promise<Context> {
  const progress = progressFor(settings, io);
  let ctx: Context;
  try {
    ctx = await loadContext(settings, progress ? { progress: progress.report } : {});
  } finally {
    progress?.end();
  }
  printDiagnostics(io, ctx.warnings, ctx.sources, false);
  if (settings.verbose && settings.format === "text") {
    const skipped = skippedEntries(ctx.manifest, ctx.observation.desired, ctx.host);
    io.stdout(renderSkippedText(skipped, { home: ctx.host.home, color: settings.color }));
  }
  return ctx;
}

export async function runPlan(settings: Settings, io: IO): Promise<number> {
  return withContextErrors(io, settings, async () => {
    const ctx = await planForDisplay(settings, io);
    if (settings.out !== undefined) savePlan(path.resolve(settings.cwd, settings.out), renderJson(ctx.plan));
    io.stdout(renderPlan(ctx.plan, settings, ctx.host.home));
    if (isBlocked(ctx.plan)) return 1;
    if (settings.detailedExitcode && hasChanges(ctx.plan)) return 2;
    return 0;
  });
}
