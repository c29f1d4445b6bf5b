// `type: auto` → the kind of link to plan on this machine, decided from what was read (the OS,
// whether this process may make symlinks, the source's kind and volume), never by trying.
// A symlink where the platform allows it; on Windows without that right a junction for a
// directory and a hard link for a file on the same volume; otherwise an error naming each
// kind tried and why it could not be used. Pure.

import type { LinkType, SymlinkRights } from "../manifest/types.js";
import { isProbed } from "../observe/listed-source.js";
import type { ConcreteLink, DesiredLink, TargetObservation } from "../observe/types.js";
import type { StateLink } from "../state/types.js";
import { reasonText } from "./reasons.js";
import type { LinkAction } from "./types.js";

export interface AutoChoice {
  link: ConcreteLink;
  /** Why this kind ("auto: hardlink (symlinks not permitted)"); only for `type: auto`. */
  note?: string;
  /** Set when no kind can be made: each kind tried and why it could not be used. */
  impossible?: string;
}

/** Why symlinks are out, for notes and errors. */
export const SYMLINKS_REFUSED = "symlinks not permitted (Windows needs Developer Mode or an elevated prompt)";

/** A link whose type the manifest fixed (not `auto`): classified as it is. */
export function isConcrete(d: DesiredLink): d is ConcreteLink {
  return d.type !== "auto";
}

// The link to plan for a `type: auto` link.
export function resolveAuto(
  d: DesiredLink,
  t: TargetObservation,
  e: StateLink | undefined,
  os: string,
  symlinks: SymlinkRights,
): AutoChoice {
  const as = (type: LinkType, note: string, impossible?: string): AutoChoice => ({
    link: { ...d, type },
    note: `auto: ${note}`,
    ...(impossible ? { impossible } : {}),
  });
  const s = t.source;
  if (os !== "win32") return as("symlink", `symlink on ${os}`);
  // The source decides nothing yet (missing, special): classify reports it as for a symlink.
  // (An auto link's source is always probed: observe.ts lists only a symlink's or junction's.)
  if ((s.kind !== "file" && s.kind !== "dir") || !isProbed(s)) return as("symlink", "symlink");
  // Already made in a form auto allows: keep it (no churn between a run that could make
  // symlinks and one that could not).
  const o = t.observed;
  if (s.kind === "file" && o.kind === "file" && o.dev === s.dev && o.ino === s.ino)
    return as("hardlink", "hardlink (already in place)");
  if (s.kind === "dir" && o.kind === "symlink" && e?.type === "junction") return as("junction", "junction (made earlier)");
  const sameVolume = s.kind === "dir" || s.dev === t.parent.dev;
  const fallback: LinkType = s.kind === "dir" ? "junction" : "hardlink";
  switch (symlinks) {
    case "allowed":
      return as("symlink", "symlink (symlinks permitted)");
    case "unknown":
      return sameVolume
        ? as("symlink", `symlink, or a ${fallback === "junction" ? "junction" : "hard link"} if symlinks are refused`)
        : as("symlink", "symlink (a hard link cannot span volumes: no fallback if symlinks are refused)");
    case "refused":
      if (sameVolume) return as(fallback, `${fallback} (${SYMLINKS_REFUSED})`);
      return as("hardlink", `no kind fits`, `symlink: ${SYMLINKS_REFUSED}; hard link: ${crossVolume(t)}`);
  }
}

function crossVolume(t: TargetObservation): string {
  const s = t.source;
  const from = t.mounts?.source ?? (s.kind === "file" ? s.realpath : "");
  const to = t.mounts?.target ?? t.parent.existing;
  return `cannot span volumes (${from} and ${to})`;
}

// Mark an action planned from `type: auto`: the kind chosen, and the error when none fits.
export function markAuto(a: LinkAction, choice: AutoChoice): LinkAction {
  a.requested = "auto";
  if (choice.note) a.note = a.note ? `${choice.note}; ${a.note}` : choice.note;
  // A more basic error (a parent that is a file...) stays; cross-device says less than this.
  if (choice.impossible && (a.kind !== "error" || a.reasonCode === "cross-device")) {
    a.kind = "error";
    a.reasonCode = "auto-impossible";
    a.reason = reasonText("auto-impossible", { tried: choice.impossible });
    delete a.resolution;
  }
  return a;
}
