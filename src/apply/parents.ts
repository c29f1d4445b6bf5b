// Step 1 of apply: the parent directories (mkdirs) of the link actions that still match their
// plan, each made once. Journaled for a group of actions at a time: the `mkdir` intents of the
// group in one write, then its directories, then their `add-dir` completions in one write. A
// kill in between leaves intents whose directories hold at most other new directories (no link
// is made before this step ends), and replay owns such a chain whole (state/intents.ts).

import type { Action, LinkAction } from "../plan/types.js";
import { errnoCode } from "../platform/fs.js";
import { probeNow } from "../observe/probe.js";
import type { JournalEntry } from "../state/replay.js";
import { describeFsError } from "./failure.js";
import type { StepContext } from "./steps.js";
import type { Outcome } from "./types.js";

// Actions per group (a group's journal lines are two writes).
const GROUP = 256;

export interface ParentsRun {
  /** True once the run is to stop (the signal): no further group is begun. */
  interrupted(): Promise<boolean>;
  /** Why the action no longer matches its plan, or undefined. */
  stale(a: LinkAction): string | undefined;
  /** Stale and failed actions get their outcome here. */
  outcomes: Map<Action, Outcome>;
}

/** Make the parent directories; returns how many were created. */
export async function makeParents(ctx: StepContext, actions: readonly LinkAction[], run: ParentsRun): Promise<number> {
  const failedDirs = new Map<string, string>();
  const made = new Set<string>();
  let created = 0;
  const wanting = actions.filter((a) => a.mkdirs.length > 0);
  for (let start = 0; start < wanting.length; start += GROUP) {
    const ready: { a: LinkAction; todo: string[] }[] = [];
    const planned = new Set<string>();
    for (const a of wanting.slice(start, start + GROUP)) {
      if (await run.interrupted()) return created; // nothing of this group begun
      const why = run.stale(a);
      if (why) {
        run.outcomes.set(a, { action: a, status: "stale", detail: why });
        continue;
      }
      const todo = a.mkdirs.filter((d) => !made.has(d) && !failedDirs.has(d) && !planned.has(d));
      for (const d of todo) planned.add(d);
      ready.push({ a, todo });
    }
    // Intents first: a kill between a mkdir and its add-dir line leaves no unowned directory.
    ctx.record(ready.flatMap(({ todo }) => todo.map((d): JournalEntry => ({ op: "mkdir", path: d }))));
    const added: JournalEntry[] = [];
    for (const { a, todo } of ready) {
      for (const d of todo) {
        try {
          ctx.fs.mkdirSync(d);
          made.add(d);
          created++;
          added.push({ op: "add-dir", path: d });
        } catch (err) {
          if (errnoCode(err) === "EEXIST" && probeNow(d, ctx.fs).kind === "dir") made.add(d);
          else failedDirs.set(d, describeFsError(err));
        }
      }
      // Its directories are all settled by now (made for it, or for an action before it).
      const failed = a.mkdirs.find((d) => failedDirs.has(d));
      if (failed) {
        run.outcomes.set(a, { action: a, status: "failed", detail: `could not create ${failed}: ${failedDirs.get(failed)}` });
      }
    }
    ctx.record(added);
  }
  return created;
}
