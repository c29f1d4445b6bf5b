// plan(manifest, observation, state) → Plan. Pure and deterministic: no IO, no clock, no env;
// the same inputs give a deep-equal plan.

import type { ConflictPolicy, Manifest } from "../manifest/types.js";
import type { Observation } from "../observe/types.js";
import type { State } from "../state/types.js";
import { classify, type ClassifyContext } from "./classify.js";
import { sortActions } from "./order.js";
import { adoptOncePerSource } from "./adopt-once.js";
import { platformFor } from "../platform/platform.js";
import { ancestorsOf, pruneDirs, pruneLinks } from "./prune.js";
import { narrow, type Selection } from "./select.js";
import { entryName } from "../manifest/entry-name.js";
import { ACTION_KINDS, type Action, type Plan, type Summary } from "./types.js";

export interface PlanOptions {
  /** --conflict: overrides every link's own policy. */
  conflict?: ConflictPolicy;
  /** The platform the plan is for (path rules, link text comparison, junction notes); default "linux". */
  platform?: string;
  /** Selectors narrowed the plan: only these links are planned, only these state entries pruned. */
  selection?: Selection;
}

export function plan(manifest: Manifest, observation: Observation, state: State, options: PlanOptions = {}): Plan {
  const ctx: ClassifyContext = {
    sourceRoot: manifest.sourceRoot,
    sourceRootReal: observation.sourceRootReal ?? manifest.sourceRoot,
    platform: options.platform ?? "linux",
    ...(options.conflict ? { conflict: options.conflict } : {}),
  };
  const byTarget = new Map(observation.targets.map((t) => [t.target, t]));
  const part = options.selection
    ? narrow(observation, state, manifest.links, options.selection, platformFor(ctx.platform))
    : undefined;
  const names = new Map(manifest.links.map((e) => [e.index, entryName(e)]));
  const actions: Action[] = [];
  for (const d of part?.desired ?? observation.desired) {
    const t = byTarget.get(d.target);
    // A target the observer could not look at was reported as a diagnostic.
    if (!t) continue;
    const e = Object.hasOwn(state.links, d.target) ? state.links[d.target] : undefined;
    const name = names.get(d.entry);
    actions.push(name === undefined ? classify(d, t, e, ctx) : { ...classify(d, t, e, ctx), name });
  }
  if (manifest.prune) {
    const desired = new Set(observation.desired.map((d) => d.target));
    const removes = pruneLinks(state, part?.prune ?? observation.prune, desired, platformFor(ctx.platform));
    const deleted = new Set(removes.filter((r) => r.mode === "delete").map((r) => r.target));
    // A created directory that is itself a desired target is left to that link's action
    // (removing it here too made the link's action stale).
    const needed = ancestorsOf(observation.desired);
    for (const t of desired) needed.add(t);
    actions.push(...removes, ...pruneDirs(part?.dirs ?? observation.dirs, deleted, needed));
  }
  const sorted = adoptOncePerSource(sortActions(actions));
  return {
    formatVersion: 1,
    manifest: { file: manifest.file, hash: manifest.hash },
    actions: sorted,
    summary: summarize(sorted),
    ...(part ? { selection: part.selection } : {}),
  };
}

// Counts per kind (a "forget" counts as a remove).
export function summarize(actions: readonly Action[]): Summary {
  const summary = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Summary;
  for (const a of actions) summary[a.kind]++;
  return summary;
}
