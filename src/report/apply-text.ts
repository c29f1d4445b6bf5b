// Apply outcomes and status for people. Views only: they decide nothing.

import type { Outcome, ApplyResult } from "../apply/types.js";
import type { HealthEntry } from "../plan/health.js";
import type { RestoreOutcome } from "../apply/restore.js";
import type { Action } from "../plan/types.js";
import { displayPath } from "../platform/paths.js";
import { paint } from "./color.js";
import { plural } from "./plural.js";
import { actionLine } from "./text.js";

export interface ApplyTextOptions {
  home: string;
  color: boolean;
  verbose: boolean;
  /** Nothing unless something went wrong (stale, failed, a hook): then those and the counts. */
  quiet?: boolean;
}

/** Counts of what was done, per kind (links), plus stale and failed, and directories apart. */
export interface AppliedCounts {
  created: number;
  repaired: number;
  replaced: number;
  /** Links removed (directories are `dirsRemoved`). */
  removed: number;
  /** Dropped from state, left on disk. */
  forgotten: number;
  unchanged: number;
  stale: number;
  failed: number;
  dirsCreated: number;
  dirsRemoved: number;
}

// Tally outcomes: links per kind; directories linkfarm made or removed are counted apart.
export function appliedCounts(outcomes: readonly Outcome[], dirsCreated = 0): AppliedCounts {
  const c: AppliedCounts = {
    created: 0,
    repaired: 0,
    replaced: 0,
    removed: 0,
    forgotten: 0,
    unchanged: 0,
    stale: 0,
    failed: 0,
    dirsCreated,
    dirsRemoved: 0,
  };
  for (const o of outcomes) {
    if (o.status === "stale") c.stale++;
    else if (o.status === "failed") c.failed++;
    else if (o.status === "unchanged") c.unchanged++;
    else if (o.action.kind === "create") c.created++;
    else if (o.action.kind === "repair") c.repaired++;
    else if (o.action.kind === "replace") c.replaced++;
    else if (o.action.kind === "remove" && o.action.type === "dir") c.dirsRemoved++;
    else if (o.action.kind === "remove") c.removed++;
    else if (o.action.kind === "forget") c.forgotten++;
  }
  return c;
}

function hookLines(h: NonNullable<ApplyResult["hookError"]>): string[] {
  const lines = [`${h.phase} hook failed with exit code ${h.exitCode}: ${h.command}`];
  for (const l of h.output.split("\n")) if (l !== "") lines.push(`  | ${l}`);
  if (h.phase === "before") lines.push("No action was run.");
  return lines;
}

// "Applied: 3 created, 1 repaired, 1 replaced, 2 removed, 12 unchanged; created 4 directories."
// (+ forgotten, stale, failed when there are any). Counts are links; directories said apart.
export function appliedLine(c: AppliedCounts): string {
  const parts = [`${c.created} created`, `${c.repaired} repaired`, `${c.replaced} replaced`, `${c.removed} removed`];
  if (c.forgotten > 0) parts.push(`${c.forgotten} forgotten`);
  parts.push(`${c.unchanged} unchanged`);
  if (c.stale > 0) parts.push(`${c.stale} stale`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  const dirs: string[] = [];
  if (c.dirsCreated > 0) dirs.push(`created ${plural(c.dirsCreated, "directory", "directories")}`);
  if (c.dirsRemoved > 0) dirs.push(`removed ${plural(c.dirsRemoved, "directory", "directories")}`);
  return `Applied: ${parts.join(", ")}${dirs.length > 0 ? `; ${dirs.join(" and ")}` : ""}.`;
}

function doneLine(o: Outcome, opts: ApplyTextOptions): string {
  let line = actionLine(o.action, opts);
  if (o.backup) line += `  backed up to ${displayPath(o.backup, opts.home)}`;
  else if (o.detail) line += `  ${o.detail}`;
  return line;
}

function problemLine(o: Outcome, opts: ApplyTextOptions): string {
  const p = paint(opts.color);
  const word = o.status === "stale" ? p.yellow("stale") : p.red("failed");
  return `${word}: ${displayPath(o.action.target, opts.home)}: ${o.detail ?? ""}`;
}

function isOk(a: Action): boolean {
  return a.kind === "ok";
}

// The whole report, ending in a newline. A run that changed nothing says so in one line.
export function renderApplyText(result: ApplyResult, opts: ApplyTextOptions): string {
  const lines: string[] = [];
  const c = appliedCounts(result.outcomes, result.dirsCreated);
  if (result.hookError?.phase === "before") return hookLines(result.hookError).join("\n") + "\n";
  if (!opts.quiet) {
    for (const o of result.outcomes) {
      if (o.status === "done" || (opts.verbose && o.status === "unchanged" && !isOk(o.action))) lines.push(doneLine(o, opts));
      else if (opts.verbose && isOk(o.action)) lines.push(actionLine(o.action, opts));
    }
  }
  for (const o of result.outcomes) if (o.status === "stale" || o.status === "failed") lines.push(problemLine(o, opts));
  if (result.hookError) lines.push(...hookLines(result.hookError));
  const nothing = c.created + c.repaired + c.replaced + c.removed + c.dirsRemoved + c.forgotten + c.stale + c.failed === 0;
  if (opts.quiet && c.stale + c.failed === 0 && !result.hookError) return "";
  if (lines.length > 0) lines.push("");
  if (nothing) {
    const inPlace = result.outcomes.filter((o) => isOk(o.action)).length;
    lines.push(`No changes. ${plural(inPlace, "link", "links")} in place.`);
  } else {
    lines.push(appliedLine(c));
  }
  if (c.stale > 0) lines.push("The disk changed since the plan was made; run `linkfarm plan` to see it now.");
  return lines.join("\n") + "\n";
}

// `unlink --restore`: one line per recorded backup (quiet: only those not put back).
export function renderRestoreText(restored: readonly RestoreOutcome[], opts: { home: string; quiet?: boolean }): string {
  const shown = opts.quiet ? restored.filter((r) => r.status === "occupied" || r.status === "missing") : restored;
  const lines = shown.map((r) => {
    const t = displayPath(r.target, opts.home);
    const b = displayPath(r.backup, opts.home);
    switch (r.status) {
      case "restored":
        return `restored ${t} from ${b}`;
      case "would-restore":
        return `would restore ${t} from ${b}`;
      case "occupied":
        return `not restored: ${t} is occupied; the backup stays at ${b}`;
      case "missing":
        return `backup ${b} is gone; forgotten`;
    }
  });
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

// `status`: one line per managed link with its health, then counts and the hard-link warning.
// Quiet: nothing when every link is ok; else only the links that are not, and the counts.
export function renderStatusText(
  entries: readonly HealthEntry[],
  opts: { home: string; color: boolean; quiet?: boolean },
): string {
  const p = paint(opts.color);
  if (opts.quiet && entries.every((e) => e.health === "ok")) return "";
  if (entries.length === 0) return "No links managed yet (nothing in the state file).\n";
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const e of entries) {
    counts.set(e.health, (counts.get(e.health) ?? 0) + 1);
    if (opts.quiet && e.health === "ok") continue;
    const h = e.health === "ok" ? p.green(e.health.padEnd(9)) : p.yellow(e.health.padEnd(9));
    const t = displayPath(e.target, opts.home);
    const what =
      e.type === "hardlink"
        ? ` => ${displayPath(e.source, opts.home)} (hard link${e.nlink !== undefined ? `, ${plural(e.nlink, "name", "names")}` : ""})`
        : ` -> ${e.linkText ?? e.source}${e.type === "junction" ? " (junction)" : ""}`;
    lines.push(`${h}${t}${what}${e.detail ? `  (${e.detail})` : ""}`);
  }
  lines.push("");
  const order = ["ok", "dangling", "diverged", "changed", "replaced", "missing"];
  const parts = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${k}`);
  lines.push(`${plural(entries.length, "link", "links")}: ${parts.join(", ")}.`);
  if (!opts.quiet && entries.some((e) => e.type === "hardlink")) {
    lines.push("Hard links: deleting one name does not delete the data; it lives until its last name is gone.");
  }
  return lines.join("\n") + "\n";
}
