// Prune: what state says linkfarm made and the manifest no longer wants. Delete only what is
// still exactly what linkfarm made (`remove`); otherwise `forget` it (drop it from state, leave
// the path).

import type { DesiredLink, DirObservation, PruneObservation } from "../observe/types.js";
import { path, pathDepth as depth } from "../platform/paths.js";
import { platformFor, type Platform } from "../platform/platform.js";
import type { State, StateLink } from "../state/types.js";
import { reasonText } from "./reasons.js";
import type { ReasonCode, RemoveAction } from "./types.js";
import { assertNever } from "../assert.js";

// One remove action per state link whose target is not desired (and was observed). `platform`
// compares link texts (a Windows link may read back as `\\?\C:\...`).
// `unlinking`: `linkfarm unlink` asked for every link, declared or not ("unlinked", not
// "no longer declared").
export function pruneLinks(
  state: State,
  observed: readonly PruneObservation[],
  desired: ReadonlySet<string>,
  platform: Platform = platformFor("linux"),
  unlinking = false,
): RemoveAction[] {
  const out: RemoveAction[] = [];
  for (const o of observed) {
    if (desired.has(o.target) || !Object.hasOwn(state.links, o.target)) continue;
    const e = state.links[o.target] as StateLink;
    const [kind, decided] = decide(e, o, platform);
    const code = unlinking && decided === "not-declared" ? "unlinked" : decided;
    out.push({
      kind,
      target: o.target,
      reasonCode: code,
      reason: reasonText(code),
      type: e.type,
      source: e.source,
      ...(e.linkText !== undefined ? { linkText: e.linkText } : {}),
      observed: o.observed,
    });
  }
  return out;
}

function decide(e: StateLink, o: PruneObservation, platform: Platform): ["remove" | "forget", ReasonCode] {
  const seen = o.observed;
  if (seen.kind === "missing") return ["forget", "already-gone"];
  switch (e.type) {
    case "symlink":
    case "junction":
      return seen.kind === "symlink" &&
        e.linkText !== undefined &&
        platform.sameLinkMeaning(seen.text, e.linkText, platform.path.dirname(o.target))
        ? ["remove", "not-declared"]
        : ["forget", "changed-since-made"];
    case "hardlink":
      if (seen.kind !== "file" || seen.ino !== e.ino || (e.dev !== undefined && seen.dev !== e.dev))
        return ["forget", "changed-since-made"];
      if (seen.nlink > 1) return ["remove", "not-declared"];
      // The last name of its data: keeping it keeps the bytes. Say the source is gone only
      // when nothing is at the source path (else the source was replaced by another file).
      return ["forget", o.source === undefined || o.source.kind === "missing" ? "last-name" : "last-name-source-replaced"];
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
    const remove = (kind: "remove" | "forget", code: ReasonCode): RemoveAction => ({
      kind,
      target: dir.path,
      reasonCode: code,
      reason: reasonText(code),
      type: "dir",
      observed: dir.observed,
    });
    if (dir.observed.kind === "missing") out.push(remove("forget", "already-gone"));
    else if (dir.observed.kind !== "dir") out.push(remove("forget", "changed-since-made"));
    else if ((dir.entries ?? []).every((name) => gone.has(path.join(dir.path, name)))) {
      out.push(remove("remove", "created-dir-empty"));
      gone.add(dir.path);
    }
  }
  return out;
}

