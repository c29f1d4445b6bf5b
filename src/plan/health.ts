// `status`: how each link recorded in state is doing now, from what the observer saw
// (observe/recorded.ts). Pure: no disk.

import { platformFor } from "../platform/platform.js";
import type { LinkType } from "../manifest/types.js";
import type { State, StateLink } from "../state/types.js";
import { newerOf, newerPhrase, type NewerSide } from "./newer.js";
import type { Observed, ProbedSource, RecordedObservation, SourceObserved } from "../observe/types.js";

import type { Health } from "./health-states.js";

export { HEALTH_STATES, type Health } from "./health-states.js";

export interface HealthEntry {
  target: string;
  type: LinkType;
  source: string;
  linkText?: string;
  health: Health;
  /** Hard links: how many names the data has now. */
  nlink?: number;
  detail?: string;
  /** A diverged hard link between two files: the side with the newer modification time. */
  newer?: NewerSide;
}

// One entry per state link (`recorded` is observe/recorded.ts's, sorted by target). `os`: the
// machine the links are on (its rules say when two link texts are the same).
export function linkHealth(state: State, recorded: readonly RecordedObservation[], os: string): HealthEntry[] {
  const sameLinkText = platformFor(os).sameLinkText;
  const out: HealthEntry[] = [];
  for (const r of recorded) {
    const { target, observed: o } = r;
    const e = state.links[target];
    if (!e) continue;
    const base = okEntry(target, e);
    if (o.kind === "missing") {
      out.push({ ...base, health: "missing" });
      continue;
    }
    if (e.type !== "hardlink") {
      if (o.kind !== "symlink") out.push({ ...base, health: "replaced", detail: `now a ${o.kind === "other" ? o.what : o.kind}` });
      else if (e.linkText === undefined || !sameLinkText(o.text, e.linkText)) out.push({ ...base, health: "changed", detail: `now points to ${o.text}` });
      else out.push(r.leads !== false ? base : { ...base, health: "dangling", ...danglingDetail(e.source, r.sourcePath) });
      continue;
    }
    if (o.kind !== "file") {
      out.push({ ...base, health: "replaced", detail: `now a ${o.kind === "other" ? o.what : o.kind}` });
      continue;
    }
    const withCount = { ...base, nlink: o.nlink };
    const s: ProbedSource = r.source ?? { kind: "missing" };
    if (o.dev !== e.dev || o.ino !== e.ino) {
      out.push(diverged(withCount, "the file was replaced (an editor saved by rename?)", o, s));
      continue;
    }
    if (s.kind !== "file" || s.dev !== e.dev || s.ino !== e.ino) {
      out.push(diverged(withCount, s.kind === "missing" ? "the source is gone" : "the source was replaced", o, s));
      continue;
    }
    out.push(withCount);
  }
  return out;
}

function okEntry(target: string, e: StateLink): HealthEntry {
  const base: HealthEntry = { target, type: e.type, source: e.source, health: "ok" };
  if (e.linkText !== undefined) base.linkText = e.linkText;
  return base;
}

/**
 * Every state link `ok`, sorted by target: status's answer when the verdict cache holds
 * (pipeline/verdict.ts; only when every link is a symlink or junction to a plain source).
 */
export function allInPlace(state: State): HealthEntry[] {
  return Object.keys(state.links)
    .sort()
    .map((target) => okEntry(target, state.links[target]!));
}

// A link to a symlink source (linked as the symlink, as Stow does) dangles when that symlink
// does: say so, so that the user looks at the source and not at the link.
function danglingDetail(source: string, s: Observed | undefined): { detail?: string } {
  return s?.kind === "symlink" ? { detail: `the source is a dangling symlink: ${source} -> ${s.text}` } : {};
}

// A diverged hard link, with which side is newer when both are files ("; target newer by 3 min").
function diverged(base: HealthEntry, why: string, o: Observed, s: SourceObserved): HealthEntry {
  const v = newerOf(o, s);
  if (!v) return { ...base, health: "diverged", detail: why };
  return { ...base, health: "diverged", detail: `${why}; ${newerPhrase(v)}`, newer: v.side };
}
