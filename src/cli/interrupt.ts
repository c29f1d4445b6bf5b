// Ctrl-C (SIGINT) or SIGTERM during apply or unlink: finish the step under way, write the
// state, exit 130 or 143 (128 + the signal's number). A second signal ends the process at
// once; the journal makes even that safe (the next run replays it).

import type { ApplyResult } from "../apply/types.js";
import type { Plan } from "../plan/types.js";
import { renderApplyJson } from "../report/apply-json.js";
import type { Settings } from "./args.js";
import type { IO } from "./io.js";

export interface Interrupt {
  signal: AbortSignal;
  /** 130 or 143 once a signal came, else undefined. */
  exitCode(): number | undefined;
  release(): void;
}

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function trapInterrupts(io: IO): Interrupt {
  const controller = new AbortController();
  let code: number | undefined;
  const off = io.onSignal?.((s) => {
    code = CODES[s];
    controller.abort();
  });
  return { signal: controller.signal, exitCode: () => code, release: () => off?.() };
}

// After an interrupted apply: the JSON report (a product) or, instead of a text report that
// would list every action not reached, one line on stderr. Returns the exit code.
export function reportInterrupted(plan: Plan, result: ApplyResult, io: IO, settings: Settings, code: number): number {
  if (settings.format === "json") io.stdout(renderApplyJson(plan, result));
  const done = result.outcomes.filter((o) => o.status === "done").length;
  const total = result.outcomes.filter((o) => o.action.kind !== "ok").length;
  io.stderr(`linkfarm: interrupted: ${done} of ${total} changes made and recorded; run the same command again to finish.\n`);
  return code;
}
