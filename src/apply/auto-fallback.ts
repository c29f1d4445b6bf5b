// `type: auto` at apply time: a planned symlink that Windows refused (no Developer Mode, not
// elevated) or did not really make becomes a junction (directory) or a hard link (file). The
// plan said so ("symlink, or a junction if symlinks are refused"); the outcome says what was made.

import { LinkRefused } from "../platform/links.js";
import type { Platform } from "../platform/platform.js";
import type { LinkAction } from "../plan/types.js";

// The action to make instead, or undefined when `err` is not a refusal auto may answer.
export function autoFallback(a: LinkAction, err: unknown, platform: Platform): LinkAction | undefined {
  if (a.requested !== "auto" || a.type !== "symlink" || platform.os !== "win32") return undefined;
  if (!(err instanceof LinkRefused)) return undefined;
  const s = a.sourceObserved;
  if (s.kind === "dir") return { ...a, type: "junction", linkText: a.source };
  if (s.kind !== "file") return undefined;
  const { linkText: _text, ...rest } = a;
  return { ...rest, type: "hardlink" };
}

// What the outcome says about a fallback that worked.
export function fellBack(first: unknown, made: LinkAction): string {
  return `auto: made a ${made.type === "hardlink" ? "hard link" : made.type} (symlink ${whyNot(first)})`;
}

// Both kinds failed: one error naming each kind tried and why.
export function autoFailed(a: LinkAction, first: unknown, fallback: LinkAction, second: unknown): Error {
  const kind = fallback.type === "hardlink" ? "hard link" : fallback.type;
  return new Error(`type auto: could not link ${a.target}: symlink ${whyNot(first)}; ${kind}: ${errText(second)}`);
}

function whyNot(err: unknown): string {
  if (err instanceof LinkRefused && err.hint === "not-made") return "reported as made but not there";
  return "not permitted (Windows needs Developer Mode or an elevated prompt)";
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
