// The plan as one JSON document (formatVersion 1), the shape published in
// schema/plan.schema.json: what `plan --json` prints and what `plan --out` saves, so it carries
// every observation apply must re-check (parse.ts reads it back, stale.ts re-checks it).

import { ACTION_KINDS, type Action, type Plan, type Summary } from "../../plan/types.js";
import { assertNever } from "../../assert.js";

// Fixed key order, so that documents diff well and tests can pin them.
function actionJson(a: Action): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: a.kind, type: a.type, target: a.target };
  // Every link action has a source; a removal may not (a directory).
  if (a.source !== undefined) out.source = a.source;
  if (a.linkText !== undefined) out.linkText = a.linkText;
  out.reason = a.reason;
  out.reasonCode = a.reasonCode;
  switch (a.kind) {
    case "remove":
    case "forget":
      out.observed = a.observed;
      return out;
    case "ok":
    case "create":
    case "repair":
    case "replace":
    case "conflict":
    case "error":
      if (a.resolution !== undefined) out.resolution = a.resolution;
      if (a.fixes !== undefined) out.fixes = a.fixes;
      if (a.winner !== undefined) out.winner = a.winner;
      if (a.note !== undefined) out.note = a.note;
      if (a.requested !== undefined) out.requested = a.requested;
      out.mkdirs = a.mkdirs;
      out.observed = a.observed;
      out.sourceObserved = a.sourceObserved;
      out.entry = a.entry;
      if (a.name !== undefined) out.name = a.name;
      return out;
    default:
      return assertNever(a);
  }
}

function summaryJson(s: Summary): Summary {
  const out = {} as Summary;
  for (const k of ACTION_KINDS) out[k] = s[k];
  return out;
}

/** The plan document as an object, keys in their fixed order. */
export function planDocument(plan: Plan): Record<string, unknown> {
  return {
    formatVersion: plan.formatVersion,
    manifest: { file: plan.manifest.file, hash: plan.manifest.hash },
    summary: summaryJson(plan.summary),
    ...(plan.selection ? { selection: plan.selection } : {}),
    actions: plan.actions.map(actionJson),
  };
}

// The plan document, pretty-printed, ending in a newline (the saved plan file's bytes).
export function serializePlan(plan: Plan): string {
  return JSON.stringify(planDocument(plan), null, 2) + "\n";
}
