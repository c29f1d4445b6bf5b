// The plan as `plan` and `apply --dry-run` show it: made read-only with a progress line and
// warnings, printed in the requested format.

import { assertNever } from "../assert.js";
import type { Plan } from "../plan/types.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { selectionLine } from "../report/selection.js";
import { renderText } from "../report/text.js";
import type { Settings } from "./args.js";
import type { IO } from "./io.js";
import { loadContext, printDiagnostics, printSkipped, progressFor, type Context } from "./load-context.js";

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
  printSkipped(io, settings, ctx.manifest, ctx.observation.desired, ctx.host);
  return ctx;
}
