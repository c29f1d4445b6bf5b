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
import { cachedTextVerdict, cachedVerdict, verdictPlan } from "../pipeline/verdict.js";
import { locateManifest, manifestText, type LocateResult } from "../manifest/load.js";
import { readHostFacts } from "../platform/host.js";
import type { HostFacts } from "../manifest/types.js";
import { realFsRead } from "../platform/fs.js";
import {
  loadContext,
  loadManifestContext,
  manifestOptions,
  printDiagnostics,
  printSkipped,
  progressFor,
  stateFileOf,
  type Context,
  type ManifestContext,
} from "./load-context.js";

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
export async function planForDisplay(settings: Settings, io: IO, located?: ManifestContext): Promise<Context> {
  const progress = progressFor(settings, io);
  let ctx: Context;
  try {
    ctx = await loadContext(settings, { ...(progress ? { progress: progress.report } : {}), ...(located ? { located } : {}) });
  } finally {
    progress?.end();
  }
  printDiagnostics(io, ctx.warnings, ctx.sources, false);
  printSkipped(io, settings, ctx.manifest, ctx.observation.desired, ctx.host);
  return ctx;
}

/**
 * May this output be made from the verdict cache's "all N links in place"? Only when it prints
 * nothing per link and covers the whole manifest: text or markdown, no -v, no selector, no
 * --out (those need every action: they take the normal path).
 */
function verdictMayServe(settings: Settings): boolean {
  return settings.cache && settings.selectors.length === 0 && settings.planOutFile === undefined && !settings.verbose && settings.format !== "json";
}

/** How many links are in place, when the verdict cache may serve this output and holds; else undefined. */
export function servedVerdict(settings: Settings, located: ManifestContext): number | undefined {
  if (!verdictMayServe(settings)) return undefined;
  const { manifest, host, stateFile } = located;
  const v = cachedVerdict({ fs: realFsRead, stateFile, manifest, host, conflict: settings.conflict }, true);
  return "links" in v ? v.links : undefined;
}

/**
 * The plan `plan` and `apply --dry-run` print: from the verdict cache when it may serve this
 * output and holds for this run (then `plan` has only its summary) — by the manifest's text
 * when the cache has a text key, so the manifest is not even parsed, else by the resolved
 * manifest — otherwise planned afresh.
 */
export async function displayedPlan(settings: Settings, io: IO): Promise<{ plan: Plan; host: HostFacts }> {
  const host = readHostFacts(settings.env);
  const where = await locateManifest(manifestOptions(settings, host));
  const byText = verdictMayServe(settings) ? servedByText(settings, host, where) : undefined;
  if (byText) return byText;
  const located = await loadManifestContext(settings, undefined, where);
  const links = servedVerdict(settings, located);
  if (links === undefined) return planForDisplay(settings, io, located);
  printDiagnostics(io, located.warnings, located.sources, false);
  return { plan: verdictPlan(located.manifest, links), host: located.host };
}

// The verdict by the manifest's text (found, read, not parsed): a YAML or JSON manifest with no
// other manifest beside it (that warning is the only one a parse would not repeat).
function servedByText(settings: Settings, host: HostFacts, where: LocateResult): { plan: Plan; host: HostFacts } | undefined {
  if (!("located" in where)) return undefined;
  const { file, kind, bytes, hash, notes } = where.located;
  if (kind === "js" || notes.length > 0) return undefined;
  const stateFile = stateFileOf(settings, file, host);
  const v = cachedTextVerdict({ fs: realFsRead, stateFile, host, conflict: settings.conflict, file, text: manifestText(bytes), hash });
  return "links" in v ? { plan: verdictPlan({ file, hash }, v.links), host } : undefined;
}
