// Apply, unlink and status as one JSON document each: the plan document (same shape as
// `plan --json`) plus what happened to each action. Views only.

import type { HealthEntry } from "../plan/health.js";
import type { RestoreOutcome } from "../apply/restore.js";
import type { ApplyResult } from "../apply/types.js";
import type { Plan, PlanSelection } from "../plan/types.js";
import { appliedCounts } from "./apply-text.js";
import { planDocument } from "../apply/saved-plan/document.js";

// `{...plan, outcomes[], applied{}, ok, changed, hookError?, restored?}`, pretty-printed.
export function renderApplyJson(plan: Plan, result: ApplyResult | undefined, extra: { restored?: RestoreOutcome[] } = {}): string {
  const doc = planDocument(plan);
  if (result) {
    doc.outcomes = result.outcomes.map((o) => ({
      target: o.action.target,
      kind: o.action.kind,
      status: o.status,
      ...(o.detail !== undefined ? { detail: o.detail } : {}),
      ...(o.backup !== undefined ? { backup: o.backup } : {}),
    }));
    doc.applied = appliedCounts(result.outcomes, result.dirsCreated);
    doc.ok = result.ok;
    doc.changed = result.changed;
    if (result.hookError) doc.hookError = result.hookError;
  } else {
    doc.outcomes = [];
    doc.ok = false;
    doc.changed = false;
  }
  if (extra.restored) doc.restored = extra.restored;
  return JSON.stringify(doc, null, 2) + "\n";
}

// `status --json`.
export function renderStatusJson(
  manifestFile: string,
  stateFile: string,
  entries: readonly HealthEntry[],
  selection?: PlanSelection,
  cache?: { used: boolean; why?: string },
): string {
  const doc = { formatVersion: 1, manifest: manifestFile, state: stateFile, ...(selection ? { selection } : {}), ...(cache ? { cache } : {}), links: entries };
  return JSON.stringify(doc, null, 2) + "\n";
}
