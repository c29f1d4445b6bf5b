// plan(manifest, observation, state) → Plan. Pure and deterministic: no IO, no clock, no env;
// the same inputs give a deep-equal plan.

import type { ConflictPolicy, Manifest, SymlinkRights } from "../manifest/types.js";
import type { Observation, TargetObservation } from "../observe/types.js";
import type { State } from "../state/types.js";
import { isConcrete, markAuto, resolveAuto } from "./auto.js";
import { classify, type ClassifyContext } from "./classify.js";
import { sortActions } from "./order.js";
import { adoptOncePerSource } from "./adopt-once.js";
import { platformFor } from "../platform/platform.js";
import { pruneDirs, pruneLinks } from "./prune.js";
import { ancestorsOf } from "../platform/paths.js";
import { narrow, type Selection } from "./select.js";
import { entryName } from "../manifest/entry-name.js";
import { ACTION_KINDS, type Action, type Plan, type Summary } from "./types.js";

export interface PlanOptions {
  /** --conflict: overrides every link's own policy. */
  conflict?: ConflictPolicy;
  /** The platform the plan is for (path rules, link text comparison, junction notes); default "linux". */
  platform?: string;
  /** `linkfarm unlink`: every removal is asked for (reason "unlinked", not "no longer declared"). */
  unlink?: boolean;
  /** May the process applying this plan make symlinks (decides `type: auto`); default "allowed" off Windows, else "unknown". */
  symlinks?: SymlinkRights;
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
  const symlinks = options.symlinks ?? (ctx.platform === "win32" ? "unknown" : "allowed");
  const targetOf = targetsInOrder(observation.targets);
  const names = new Map(manifest.links.map((e) => [e.index, entryName(e)]));
  const part = options.selection ? narrow(observation, state, names, options.selection, platformFor(ctx.platform)) : undefined;
  const actions: Action[] = [];
  // No state file (a first plan, a drift check like Stow's): no per-link lookup in it.
  const recorded = hasKeys(state.links);
  for (const d of part?.desired ?? observation.desired) {
    const t = targetOf(d.target);
    // A target the observer could not look at was reported as a diagnostic.
    if (!t) continue;
    const e = recorded && Object.hasOwn(state.links, d.target) ? state.links[d.target] : undefined;
    const name = names.get(d.entry);
    let action;
    if (isConcrete(d)) action = classify(d, t, e, ctx);
    else {
      const choice = resolveAuto(d, t, e, ctx.platform, symlinks);
      action = markAuto(classify(choice.link, t, e, ctx), choice);
    }
    if (name !== undefined) action.name = name;
    actions.push(action);
  }
  if (manifest.prune) {
    const desired = new Set(observation.desired.map((d) => d.target));
    const removes = pruneLinks(state, part?.prune ?? observation.prune, desired, platformFor(ctx.platform), options.unlink === true);
    const deleted = new Set(removes.filter((r) => r.kind === "remove").map((r) => r.target));
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

// The observation of a target by its path. The observer made one per desired link, in their
// order (skipping those it could not look at), and the planner asks in that order (or a narrowed
// subset of it): a cursor finds each without a map of every target; anything else (an
// observation from elsewhere) falls back to a map, built once.
function targetsInOrder(targets: readonly TargetObservation[]): (target: string) => TargetObservation | undefined {
  let next = 0;
  let byTarget: Map<string, TargetObservation> | undefined;
  return (target) => {
    for (let i = next; i < targets.length && i < next + 2; i++) {
      if (targets[i]!.target !== target) continue;
      next = i + 1;
      return targets[i];
    }
    byTarget ??= new Map(targets.map((t) => [t.target, t]));
    return byTarget.get(target);
  };
}

function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

// Counts per kind.
export function summarize(actions: readonly Action[]): Summary {
  const summary = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Summary;
  for (const a of actions) summary[a.kind]++;
  return summary;
}
