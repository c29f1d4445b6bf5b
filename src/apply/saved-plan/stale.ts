// A saved plan runs only if the world it was made in still holds: the same manifest bytes and,
// for every action, the same thing at the target (and the same source). Terraform's "Saved
// plan is stale", one level finer: all of the plan is refused on any difference.

import { diag, UserError } from "../../diagnostic.js";
import type { FsRead } from "../../platform/fs.js";
import { isPrune, type Plan } from "../../plan/types.js";
import { compareObserved, compareSource } from "../compare-observed.js";
import { probeNow, probeSourceNow } from "../../observe/probe.js";

// Every reason the saved plan no longer holds ([] when it does).
function staleReasons(plan: Plan, currentManifestHash: string, fs: FsRead): string[] {
  const out: string[] = [];
  if (currentManifestHash !== plan.manifest.hash) out.push(`the manifest ${plan.manifest.file} changed since the plan was made`);
  for (const a of plan.actions) {
    if (a.kind === "forget") continue;
    const why = compareObserved(a.observed, probeNow(a.target, fs));
    if (why) out.push(`${a.target}: ${why}`);
    if (!isPrune(a)) {
      const s = compareSource(a.sourceObserved, probeSourceNow(a.source, fs));
      if (s) out.push(`${a.source}: ${s}`);
    }
  }
  return out;
}

// Refuse a stale saved plan: a `plan-stale` user error listing the first three reasons.
export function refuseIfStale(plan: Plan, currentManifestHash: string, fs: FsRead): void {
  const reasons = staleReasons(plan, currentManifestHash, fs);
  if (reasons.length === 0) return;
  const more = reasons.length > 3 ? `\n(and ${reasons.length - 3} more)` : "";
  throw new UserError([
    diag("plan-stale", `saved plan is stale: ${reasons.slice(0, 3).join("; ")}${more}\nNothing was changed. Make a new plan.`),
  ]);
}
