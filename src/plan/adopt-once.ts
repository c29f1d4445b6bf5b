// adopt writes a target's bytes into its source. Two targets adopted into one source in one
// plan would lose the first one's bytes (the second overwrites them), so only the first (in
// apply order) adopts; the others stay conflicts. Pure.

import { fixesFor } from "./fixes.js";
import type { Action } from "./types.js";

const ONE_SOURCE = "; another target in this plan is already adopted into the same source, use backup";

// Mutates and returns `sorted` (actions in apply order).
export function adoptOncePerSource(sorted: Action[]): Action[] {
  const adopted = new Set<string>();
  for (const a of sorted) {
    if (a.kind !== "replace" || a.resolution !== "adopt") continue;
    const src = a.sourceObserved.kind === "file" ? a.sourceObserved.realpath : a.source;
    if (!adopted.has(src)) {
      adopted.add(src);
      continue;
    }
    a.kind = "conflict";
    delete a.resolution;
    a.fixes = fixesFor(a).filter((p) => p !== "adopt");
    a.reason = a.reason.replace(/; will adopt into the source$/, "") + ONE_SOURCE;
  }
  return sorted;
}
