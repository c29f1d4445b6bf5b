// Which conflict policies resolve which conflict: the one rule. classify() resolves a conflict
// with it, every conflict action carries its result (`fixes`), and reporters only print that.
// Adding a policy is one case in `refusal`. Pure.

import { CONFLICT_POLICIES } from "../manifest/types.js";
import { newerOf } from "./newer.js";
import { OVERWRITE_NONEMPTY, reasonText } from "./reasons.js";
import type { LinkAction, Resolution, ReasonCode } from "./types.js";
import { assertNever } from "../assert.js";

/** Every policy that can resolve a conflict, in the order they are suggested. */
export const RESOLUTIONS: readonly Resolution[] = CONFLICT_POLICIES.filter((p): p is Resolution => p !== "fail");

/** What a conflict is about: its reason, what is at the target, what the source is. */
export type ConflictFacts = Pick<LinkAction, "reasonCode" | "observed" | "sourceObserved">;

/** Why a policy leaves a conflict a conflict: the reason (and code, when it changes) to show. */
export interface Refusal {
  code?: ReasonCode;
  reason: string;
}

// undefined when `policy` resolves the conflict; else why it does not.
export function refusal(policy: Resolution, c: ConflictFacts): Refusal | undefined {
  switch (policy) {
    // Backup moves anything aside (a second name, a copy of a symlink's text, or a rename).
    case "backup":
      return undefined;
    // Overwrite never deletes a non-empty directory.
    case "overwrite":
      return c.reasonCode === "nonempty-directory" ? { reason: OVERWRITE_NONEMPTY } : undefined;
    // Adopt writes the target's bytes into the source: both must be regular files.
    case "adopt":
      return c.observed.kind === "file" && c.sourceObserved.kind === "file"
        ? undefined
        : { code: "adopt-impossible", reason: reasonText("adopt-impossible") };
    // Newer compares two regular files' modification times: equal times cannot decide.
    case "newer": {
      const v = newerOf(c.observed, c.sourceObserved);
      if (v === undefined) return { code: "newer-impossible", reason: reasonText("newer-impossible") };
      return v.side === "neither" ? { code: "neither-newer", reason: reasonText("neither-newer") } : undefined;
    }
    default:
      return assertNever(policy);
  }
}

// The policies that would resolve this conflict.
export function fixesFor(c: ConflictFacts): Resolution[] {
  return RESOLUTIONS.filter((p) => refusal(p, c) === undefined);
}
