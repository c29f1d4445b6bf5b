// The plan for people: one line per action that changes or blocks something, grouped by kind,
// then a summary line. A view of the plan: it decides nothing, and colours only when told to.

import { isBlocked, hasChanges, isPrune, type Action, type ActionKind, type LinkAction, type Plan, type Resolution } from "../plan/types.js";
import { assertNever } from "../assert.js";
import { displayPath } from "../platform/paths.js";
import { paint, type Paint } from "./color.js";
import { plural } from "./plural.js";

export interface TextOptions {
  /** HOME, for `~/...` display. */
  home: string;
  color: boolean;
  /** Also list `ok` actions. */
  verbose: boolean;
  /** Nothing unless blocked; then only blocking lines (errors, conflicts), the summary and the hint. */
  quiet?: boolean;
}

// The symbols of README.md → Plan kinds, one per kind. A forget is "." (nothing happens on disk), never "-".
export const SYMBOLS: Record<ActionKind, string> = {
  ok: "=",
  create: "+",
  repair: "~",
  replace: "-/+",
  remove: "-",
  forget: ".",
  conflict: "!",
  error: "x",
};

// Blocking kinds first: they are what the user must act on.
export const DISPLAY_ORDER: readonly ActionKind[] = [
  "error",
  "conflict",
  "create",
  "repair",
  "replace",
  "remove",
  "forget",
  "ok",
];

// The colour of each kind: blocking kinds red, nothing-to-do kinds dim.
const COLOR: Record<ActionKind, keyof Paint> = {
  ok: "dim",
  create: "green",
  repair: "cyan",
  replace: "magenta",
  remove: "yellow",
  forget: "dim",
  conflict: "red",
  error: "red",
};

function colorOf(kind: ActionKind, p: Paint): (s: string) => string {
  return p[COLOR[kind]];
}

// "-> text" for symlinks and junctions, "=> source" for hard links, "(dir)" for directories.
export function describeLink(a: Action, home: string): { arrow: string; tags: string[] } {
  const tags: string[] = [];
  if (a.type === "hardlink") {
    tags.push("hard link");
    return { arrow: a.source ? ` => ${displayPath(a.source, home)}` : "", tags };
  }
  if (a.type === "dir") return { arrow: "/", tags };
  if (a.type === "junction") tags.push("junction");
  const text = a.linkText ?? a.source;
  return { arrow: text !== undefined ? ` -> ${text}` : "", tags };
}

// The parenthesised part: type tags, the reason, a note, a conflict's fixes; forgets say what
// stays.
export function details(a: Action, home: string): string[] {
  const { tags } = describeLink(a, home);
  const out = [...tags];
  if (a.kind === "forget") {
    out.push(a.reasonCode === "already-gone" ? a.reason : `kept: ${a.reason}`);
    out.push("no longer managed");
  } else {
    out.push(a.reason);
  }
  if (!isPrune(a) && a.note) out.push(a.note);
  if (!isPrune(a) && a.fixes && a.fixes.length > 0) out.push(`fix: --conflict ${a.fixes.join("|")}`);
  return out;
}

// One action as one line, without a trailing newline.
export function actionLine(a: Action, options: { home: string; color: boolean }): string {
  const p = paint(options.color);
  const c = colorOf(a.kind, p);
  const target = displayPath(a.target, options.home);
  const forget = a.kind === "forget";
  const { arrow } = describeLink(a, options.home);
  const head = `${c(SYMBOLS[a.kind].padStart(3))} ${p.bold(target)}${forget ? "" : arrow}`;
  return `${head}  ${p.dim(`(${details(a, options.home).join("; ")})`)}`;
}


const isDir = (a: Action) => isPrune(a) && a.type === "dir";

/** Directories the plan makes (each once, however many links share it) and removes. */
export function directoryCounts(plan: Plan): { create: number; remove: number } {
  const made = new Set<string>();
  for (const a of plan.actions) {
    if (a.kind === "create" || a.kind === "repair" || a.kind === "replace") for (const d of a.mkdirs) made.add(d);
  }
  return { create: made.size, remove: plan.actions.filter((a) => a.kind === "remove" && isDir(a)).length };
}

// "Plan: 3 to create, 1 to repair, 1 to replace, 2 to remove, 12 unchanged, 1 conflict, 2 errors;
// will create 4 directories." Counts are links; directories are said apart, once.
export function summaryLine(plan: Plan): string {
  const s = plan.summary;
  const dirs = directoryCounts(plan);
  const parts = [
    `${s.create} to create`,
    `${s.repair} to repair`,
    `${s.replace} to replace`,
    `${s.remove - dirs.remove} to remove`,
  ];
  if (s.forget > 0) parts.push(`${s.forget} to forget`);
  parts.push(`${s.ok} unchanged`);
  if (s.conflict > 0) parts.push(plural(s.conflict, "conflict", "conflicts"));
  if (s.error > 0) parts.push(plural(s.error, "error", "errors"));
  const dirParts: string[] = [];
  if (dirs.create > 0) dirParts.push(`create ${plural(dirs.create, "directory", "directories")}`);
  if (dirs.remove > 0) dirParts.push(`remove ${plural(dirs.remove, "directory", "directories")}`);
  return `Plan: ${parts.join(", ")}${dirParts.length > 0 ? `; will ${dirParts.join(" and ")}` : ""}.`;
}

// The policies that would resolve every conflict of a plan (one `--conflict` for all of them):
// those every conflict action carries in `fixes` (the planner's, plan/fixes.ts), in its order.
function commonFixes(actions: readonly Action[]): Resolution[] {
  const conflicts = actions.filter((a): a is LinkAction => a.kind === "conflict");
  const first = conflicts[0]?.fixes ?? [];
  return first.filter((p) => conflicts.every((a) => a.fixes?.includes(p)));
}

// What to do about a blocked plan: the flags that would resolve every conflict, and errors.
export function blockedHint(plan: Plan): string[] {
  const lines: string[] = [];
  const s = plan.summary;
  if (s.conflict > 0) {
    const fixes = commonFixes(plan.actions).map((f) => `--conflict ${f}`);
    const what = s.conflict === 1 ? "the conflict" : "the conflicts";
    lines.push(
      fixes.length > 0
        ? `Resolve ${what} by hand, or re-run with ${fixes.join(" or ")}.`
        : `Resolve ${what} by hand.`,
    );
  }
  if (s.error > 0) {
    const one = s.error === 1;
    lines.push(`Fix the ${one ? "error" : "errors"} above; no conflict policy resolves ${one ? "it" : "them"}.`);
  }
  lines.push("Apply changes nothing while the plan has conflicts or errors.");
  return lines;
}

// The whole text report, ending in a newline.
export function renderText(plan: Plan, options: TextOptions): string {
  const p = paint(options.color);
  const blocked = isBlocked(plan);
  if (options.quiet && !blocked) return "";
  if (!blocked && !hasChanges(plan) && !options.verbose) {
    return `No changes. ${plural(plan.summary.ok, "link", "links")} in place.\n`;
  }
  const shown = new Set<ActionKind>(
    options.quiet ? ["error", "conflict"] : DISPLAY_ORDER.filter((k) => k !== "ok" || options.verbose),
  );
  const lines: string[] = [];
  for (const kind of DISPLAY_ORDER) {
    if (!shown.has(kind)) continue;
    for (const a of plan.actions) if (a.kind === kind) lines.push(actionLine(a, options));
  }
  if (lines.length > 0) lines.push("");
  if (!blocked && !hasChanges(plan)) {
    lines.push(`No changes. ${plural(plan.summary.ok, "link", "links")} in place.`);
  } else {
    lines.push(p.bold(summaryLine(plan)));
  }
  if (blocked) lines.push(...blockedHint(plan).map((l) => p.yellow(l)));
  return lines.join("\n") + "\n";
}
