// Selection: `linkfarm apply vim ~/.config/nvim` plans only part of the farm. Pure: selectors
// (already parsed by the CLI) are resolved against the manifest, the desired links and the
// state, and the observation is narrowed before planning, so that prune never reaches outside.

import { entryName, entrySourceRoot } from "../manifest/entry-name.js";
import type { LinkEntry } from "../manifest/types.js";
import type { DesiredLink, DirObservation, Observation, PruneObservation } from "../observe/types.js";
import { ancestorsOf, type Paths } from "../platform/paths.js";
import type { State } from "../state/types.js";
import type { PlanSelection } from "./types.js";

/** One selector as the CLI parsed it: an entry name, a target path, or (a bare word) either. */
export interface Selector {
  /** As typed, for messages and the plan's `selection`. */
  text: string;
  /** Tried first: an entry name (a word without a path separator). */
  name?: string;
  /** Absolute, normalised target path (`~/x`, `/x`, or a word relative to the current directory). */
  path?: string;
}

/** Resolved selectors: plain data, so that unlink can plan another manifest with it. */
export interface Selection {
  selectors: string[];
  names: string[];
  paths: string[];
  /**
   * Source paths of the manifest entries with a selected name (a glob: its directory part).
   * A state link recorded without a name (an older state file) is inside the selection when
   * its source lies under one of these.
   */
  sources: string[];
}

export interface SelectFrom {
  entries: readonly LinkEntry[];
  /** Every desired link (plan, apply). Absent when nothing was observed (status, unlink): the
   * entries' declared targets stand in for them. */
  desired?: readonly Pick<DesiredLink, "target">[];
  state: State;
  paths: Paths;
}

export type Resolved =
  | { selection: Selection }
  /** Selectors that match nothing, and every name that exists (manifest and state), sorted. */
  | { unmatched: string[]; names: string[] };

// Each selector must match something: an entry or state name, or a desired (or recorded) link
// at or below its path, or a directory linkfarm created there.
export function resolveSelection(selectors: readonly Selector[], from: SelectFrom): Resolved {
  const { entries, state, paths } = from;
  const known = knownNames(entries, state);
  const targets = from.desired
    ? from.desired.map((d) => d.target)
    : entries.map((e) => e.target);
  const underPath = (p: string) =>
    targets.some((t) => paths.isInside(t, p)) ||
    (!from.desired && entries.some((e) => paths.isInside(p, e.target))) ||
    Object.keys(state.links).some((t) => paths.isInside(t, p)) ||
    state.dirs.some((d) => paths.isInside(d, p));
  const selection: Selection = { selectors: [], names: [], paths: [], sources: [] };
  const unmatched: string[] = [];
  for (const s of selectors) {
    selection.selectors.push(s.text);
    if (s.name !== undefined && known.includes(s.name)) selection.names.push(s.name);
    else if (s.path !== undefined && underPath(s.path)) selection.paths.push(s.path);
    else unmatched.push(s.text);
  }
  if (unmatched.length > 0) return { unmatched, names: known };
  const names = new Set(selection.names);
  selection.sources = entries.filter((e) => names.has(entryName(e))).map(entrySourceRoot);
  return { selection };
}

// Every name a selector may use: the manifest's entries and those recorded in state.
export function knownNames(entries: readonly LinkEntry[], state: State): string[] {
  const out = new Set(entries.map(entryName));
  for (const l of Object.values(state.links)) if (l.name !== undefined) out.add(l.name);
  return [...out].sort();
}

/** The part of an observation a selection covers, and its counts for the plan. */
export interface Narrowed {
  desired: DesiredLink[];
  prune: PruneObservation[];
  dirs: DirObservation[];
  selection: PlanSelection;
}

// Desired links of a selected entry or at/below a selected path; state links recorded by a
// selected entry or at/below a selected path; created directories at/below a selected path or
// above a selected link (only those may be pruned).
export function narrow(
  observation: Observation,
  state: State,
  /** Each entry's name by its index (plan.ts names its actions from the same map). */
  nameOf: ReadonlyMap<number, string>,
  sel: Selection,
  paths: Paths,
): Narrowed {
  const names = new Set(sel.names);
  const atPath = (t: string) => sel.paths.some((p) => paths.isInside(t, p));
  const desired = observation.desired.filter((d) => names.has(nameOf.get(d.entry) ?? "") || atPath(d.target));
  const recorded = stateLinkSelector(state, sel, paths);
  const prune = observation.prune.filter((o) => recorded(o.target));
  const above = ancestorsOf([...desired, ...prune], paths);
  const dirs = observation.dirs.filter((d) => atPath(d.path) || above.has(paths.key(d.path)));
  return {
    desired,
    prune,
    dirs,
    selection: {
      selectors: sel.selectors,
      selected: desired.length + prune.length,
      total: observation.desired.length + observation.prune.length,
    },
  };
}

// Is the state link at this target inside the selection: at/below a selected path, or made by
// a selected entry. An older state file has no names: the entry's source path tells.
function stateLinkSelector(state: State, sel: Selection, paths: Paths): (target: string) => boolean {
  const names = new Set(sel.names);
  return (target) => {
    if (sel.paths.some((p) => paths.isInside(target, p))) return true;
    const rec = Object.hasOwn(state.links, target) ? state.links[target] : undefined;
    if (!rec) return false;
    return rec.name !== undefined ? names.has(rec.name) : sel.sources.some((s) => paths.isInside(rec.source, s));
  };
}

// `status NAME`: the state with only the selected links (backups and directories as they are).
export function narrowState(state: State, sel: Selection, paths: Paths): { state: State; selection: PlanSelection } {
  const selected = stateLinkSelector(state, sel, paths);
  const links = Object.fromEntries(Object.entries(state.links).filter(([t]) => selected(t)));
  const total = Object.keys(state.links).length;
  return {
    state: { ...state, links },
    selection: { selectors: sel.selectors, selected: Object.keys(links).length, total },
  };
}
