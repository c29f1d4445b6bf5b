// Which `--conflict` policies would turn every conflict of a plan into a replace. Mirrors the
// planner's policy rules (CLASSIFY: backup always; overwrite never for a non-empty directory;
// adopt only for regular files), read from the conflicts' reason codes. Display only.

import type { ConflictPolicy } from "../manifest/types.js";
import type { Action, ReasonCode } from "../plan/types.js";

type Fix = Exclude<ConflictPolicy, "fail">;

// The policies that resolve a conflict with this reason code.
function fixesFor(code: ReasonCode): readonly Fix[] {
  switch (code) {
    case "different-content":
    case "diverged":
    case "source-replaced-diverged":
      return ["backup", "overwrite", "adopt"];
    case "directory":
    case "foreign-symlink":
    case "special-file":
      return ["backup", "overwrite"];
    // A non-empty directory only moves aside; adopt-impossible may hide one too.
    case "nonempty-directory":
    case "adopt-impossible":
      return ["backup"];
    default:
      return ["backup"];
  }
}

// Policies (in the order backup, overwrite, adopt) that resolve all the given conflicts.
export function resolvingPolicies(actions: readonly Action[]): Fix[] {
  const conflicts = actions.filter((a) => a.kind === "conflict");
  if (conflicts.length === 0) return [];
  const all: Fix[] = ["backup", "overwrite", "adopt"];
  return all.filter((p) => conflicts.every((a) => fixesFor(a.reasonCode).includes(p)));
}
