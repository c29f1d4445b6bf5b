// -v: the entries that make no link here on purpose, one line each. A view: decides nothing.

import type { SkippedEntry } from "../plan/skipped.js";
import { displayPath } from "../platform/paths.js";
import { paint } from "./color.js";

export function renderSkippedText(skipped: readonly SkippedEntry[], opts: { home: string; color: boolean }): string {
  const p = paint(opts.color);
  return skipped
    .map((s) => `${p.dim("  .")} ${displayPath(s.entry.target, opts.home)}  ${p.dim(`(skipped: ${s.reason})`)}\n`)
    .join("");
}
