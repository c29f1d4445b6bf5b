// Prune: what state says linkfarm made and the manifest no longer wants. Delete only what is
// still exactly what linkfarm made; otherwise forget it (drop it from state, leave the path).

import type { DesiredLink, DirObservation, PruneObservation } from "../observe/types.js";
import { path } from "../platform/paths.js";
import { platformFor, type Platform } from "../platform/platform.js";
import type { State, StateLink } from "../state/types.js";
import { reasonText } from "./reasons.js";
import { assertNever, type ReasonCode, type RemoveAction } from "./types.js";

// One remove action per state link whose target is not desired (and was observed). `platform`
// compares link texts (a Windows link may read back as `\\?\C:\...`).
export function pruneLinks(
  state: State,
  observed: readonly PruneObservation[],
  desired: ReadonlySet<string>,
  platform: Platform = platformFor("linux"),
): RemoveAction[] {
  const out: RemoveAction[] = [];
  for (const o of observed) {
    if (desired.has(o.target) || !Object.hasOwn(state.links, o.target)) continue;
    const e = state.links[o.target] as StateLink;
    const [mode, code] = decide(e, o, platform);
    out.push({
      kind: "remove",
      target: o.target,
      reasonCode: code,
      reason: reasonText(code),
      type: e.type,
      source: e.source,
      ...(e.linkText !== undefined ? { linkText: e.linkText } : {}),
      observed: o.observed,
      mode,
    });
  }
  return out;
}

function decide(e: StateLink, o: PruneObservation, platform: Platform): ["delete" | "forget", ReasonCode] {
  const seen = o.observed;
  if (seen.kind === "missing") return ["forget", "already-gone"];
  switch (e.type) {
    case "symlink":
    case "junction":
      return seen.kind === "symlink" && e.linkText !== undefined && platform.sameLinkText(seen.text, e.linkText)
        ? ["delete", "not-declared"]
        : ["forget", "changed-since-made"];
    case "hardlink":
      if (seen.kind !== "file" || seen.ino !== e.ino || (e.dev !== undefined && seen.dev !== e.dev))
        return ["forget", "changed-since-made"];
      // The last name of its data (the source is gone): keeping it keeps the bytes.
      return seen.nlink > 1 ? ["delete", "not-declared"] : ["forget", "last-name"];
    default:
      return assertNever(e.type);
  }
}

// Created directories that nothing desired lies under: delete those that will be empty once
// this plan's deletions are done (deepest first, so nested created dirs cascade).
export function pruneDirs(
  dirs: readonly DirObservation[],
  deleted: ReadonlySet<string>,
  needed: ReadonlySet<string>,
): RemoveAction[] {
  const gone = new Set(deleted);
  const out: RemoveAction[] = [];
  const deepestFirst = [...dirs].sort((a, b) => depth(b.path) - depth(a.path) || (a.path < b.path ? -1 : 1));
  for (const dir of deepestFirst) {
    if (needed.has(dir.path)) continue;
    const remove = (mode: "delete" | "forget", code: ReasonCode): RemoveAction => ({
      kind: "remove",
      target: dir.path,
      reasonCode: code,
      reason: reasonText(code),
      type: "dir",
      observed: dir.observed,
      mode,
    });
    if (dir.observed.kind === "missing") out.push(remove("forget", "already-gone"));
    else if (dir.observed.kind !== "dir") out.push(remove("forget", "changed-since-made"));
    else if ((dir.entries ?? []).every((name) => gone.has(path.join(dir.path, name)))) {
      out.push(remove("delete", "created-dir-empty"));
      gone.add(dir.path);
    }
  }
  return out;
}

// Every directory above some desired target (created directories that are still needed).
export function ancestorsOf(desired: readonly DesiredLink[]): Set<string> {
  const out = new Set<string>();
  for (const d of desired) {
    let dir = path.dirname(d.target);
    while (!out.has(dir)) {
      out.add(dir);
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return out;
}

const depth = (p: string) => p.split(/[\\/]/).length;
