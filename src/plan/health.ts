// `status`: how each link recorded in state is doing now. Read-only (FsRead).

import type { FsRead } from "../platform/fs.js";
import { hostPlatform } from "../platform/platform.js";
import type { LinkType } from "../manifest/types.js";
import type { State } from "../state/types.js";
import { newerOf, newerPhrase, type NewerSide } from "../plan/newer.js";
import type { Observed, SourceObserved } from "../observe/types.js";
import { probeNow, probeSourceNow } from "./precheck.js";

/**
 * ok: as linkfarm made it. dangling: our symlink, its destination gone. diverged: a hard link
 * whose target or source is no longer the same data (an editor saved by rename). changed: a
 * symlink now holding other text. replaced: something else is at the path. missing: nothing is.
 */
export type Health = "ok" | "dangling" | "diverged" | "changed" | "replaced" | "missing";

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

// One entry per state link, sorted by target.
export function linkHealth(state: State, fs: FsRead): HealthEntry[] {
  const out: HealthEntry[] = [];
  for (const target of Object.keys(state.links).sort()) {
    const e = state.links[target]!;
    const base: HealthEntry = { target, type: e.type, source: e.source, health: "ok" };
    if (e.linkText !== undefined) base.linkText = e.linkText;
    const o = probeNow(target, fs);
    if (o.kind === "missing") {
      out.push({ ...base, health: "missing" });
      continue;
    }
    if (e.type !== "hardlink") {
      if (o.kind !== "symlink") out.push({ ...base, health: "replaced", detail: `now a ${o.kind === "other" ? o.what : o.kind}` });
      else if (e.linkText === undefined || !hostPlatform.sameLinkText(o.text, e.linkText)) out.push({ ...base, health: "changed", detail: `now points to ${o.text}` });
      else {
        let alive = true;
        try {
          fs.statSync(target);
        } catch {
          alive = false;
        }
        out.push(alive ? base : { ...base, health: "dangling", ...danglingDetail(e.source, fs) });
      }
      continue;
    }
    if (o.kind !== "file") {
      out.push({ ...base, health: "replaced", detail: `now a ${o.kind === "other" ? o.what : o.kind}` });
      continue;
    }
    const withCount = { ...base, nlink: o.nlink };
    const s = probeSourceNow(e.source, fs);
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

// A link to a symlink source (linked as the symlink, as Stow does) dangles when that symlink
// does: say so, so that the user looks at the source and not at the link.
function danglingDetail(source: string, fs: FsRead): { detail?: string } {
  const s = probeNow(source, fs);
  return s.kind === "symlink" ? { detail: `the source is a dangling symlink: ${source} -> ${s.text}` } : {};
}

// A diverged hard link, with which side is newer when both are files ("; target newer by 3 min").
function diverged(base: HealthEntry, why: string, o: Observed, s: SourceObserved): HealthEntry {
  const v = newerOf(o, s);
  if (!v) return { ...base, health: "diverged", detail: why };
  return { ...base, health: "diverged", detail: `${why}; ${newerPhrase(v)}`, newer: v.side };
}
