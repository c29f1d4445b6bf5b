// The exact text a symlink should hold. Shared by the observer (to decide whether a symlink's
// text already matches) and the planner (to plan it), so both agree byte for byte.

import type { DesiredLink, ParentObserved } from "../observe/types.js";
import { path as hostPath, type PathModule } from "../platform/paths.js";
import { assertNever } from "./types.js";

// The directory the link will really live in once its missing parents exist.
// `path` is the plan's OS path module (path.win32 for a Windows plan); the host's by default.
export function realParentOf(target: string, parent: ParentObserved, path: PathModule = hostPath): string {
  const rest = path.relative(parent.existing, path.dirname(target));
  return rest ? path.join(parent.existingReal, rest) : parent.existingReal;
}

// Where the link itself really lands (its final component is not followed).
export function realTargetOf(target: string, parent: ParentObserved, path: PathModule = hostPath): string {
  return path.join(realParentOf(target, parent, path), path.basename(target));
}

// Absolute source, or (relative: true, not a junction) the source relative to the real parent.
export function desiredLinkText(
  d: DesiredLink,
  parent: ParentObserved,
  path: PathModule = hostPath,
): string | undefined {
  switch (d.type) {
    case "hardlink":
      return undefined;
    case "junction":
      return d.source;
    case "symlink":
      return d.relative ? path.relative(realParentOf(d.target, parent, path), d.source) || "." : d.source;
    default:
      return assertNever(d.type);
  }
}
