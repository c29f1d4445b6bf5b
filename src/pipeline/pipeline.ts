// The read-only pipeline that the CLI (plan, status's context, apply and unlink under the lock)
// and the library share:
//
//   listSources → expand (pure) → observeTargets → plan (pure)
//
// observe/observe.ts runs the first three; selectors narrow the plan once the desired links
// are known. Reads the disk through FsRead only.

import { hasErrors, type Diagnostic } from "../diagnostic.js";
import type { DesiredLink } from "../expand/types.js";
import type { ConflictPolicy, Manifest } from "../manifest/types.js";
import { observe, type ObserveDeps } from "../observe/observe.js";
import type { Observation } from "../observe/types.js";
import { plan } from "../plan/plan.js";
import type { Selection } from "../plan/select.js";
import type { Plan } from "../plan/types.js";
import { symlinkRights } from "../platform/host.js";
import type { State } from "../state/types.js";

export interface PipelineOptions {
  /** --conflict: overrides every link's own policy. */
  conflict?: ConflictPolicy;
  /** `linkfarm unlink`: every removal is asked for. */
  unlink?: boolean;
  /** Selectors, resolved against the desired links once known (may throw a user error). */
  select?: (desired: readonly DesiredLink[]) => Selection | undefined;
}

export interface PipelineResult {
  observation: Observation;
  /** Every diagnostic of listing, expanding and observing (warnings included). */
  diagnostics: Diagnostic[];
  /** Absent when a diagnostic is an error: nothing is planned from a partial observation. */
  plan?: Plan;
}

// Observe `manifest` against `state` on this machine (deps.host) and plan it, for this
// machine's OS and symlink rights.
export function observeAndPlan(
  manifest: Manifest,
  state: State,
  deps: ObserveDeps,
  options: PipelineOptions = {},
): PipelineResult {
  const observed = observe(manifest, state, deps);
  if (hasErrors(observed.diagnostics)) return observed;
  const selection = options.select?.(observed.observation.desired);
  const made = plan(manifest, observed.observation, state, {
    platform: deps.host.os,
    symlinks: symlinkRights(deps.host),
    ...(options.conflict ? { conflict: options.conflict } : {}),
    ...(options.unlink ? { unlink: true } : {}),
    ...(selection ? { selection } : {}),
  });
  return { ...observed, plan: made };
}
