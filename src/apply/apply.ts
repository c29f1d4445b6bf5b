// apply(plan, deps): do exactly what the plan names, in a safe order, re-checking each
// observation right before acting. Ownership changes only after a step completes: each
// completed step is journaled at once, and the state file is written atomically at the end.

import type { Action, LinkAction, Plan } from "../plan/types.js";
import { sortActions } from "../plan/order.js";
import { hasChanges, isBlocked, isPrune } from "../plan/types.js";
import { platformFor } from "../platform/platform.js";
import { withName, type State, type StateLink } from "../state/types.js";
import { writeStateFile } from "../state/write.js";
import { describeFsError } from "./failure.js";
import { execaRunner, runHooks } from "./hooks.js";
import { applyEntry, readJournal, replayJournal, type JournalEntry } from "../state/replay.js";
import { openJournal } from "./journal-writer.js";
import { isIntent } from "../state/intents.js";
import { acquireLock, type LockHandle } from "./lock.js";
import { makeParents } from "./parents.js";
import { compareObserved, expectedNow, ownWriteKey, type OwnWrites } from "./compare-observed.js";
import { probeNow } from "../observe/probe.js";
import { createLink, removeEntry, replaceLink, Stale, type StepContext, type StepResult } from "./steps.js";
import type { ApplyDeps, ApplyLockOptions, ApplyResult, Outcome } from "./types.js";

const BLOCKING = new Set(["conflict", "error"]);

// The actions that block apply (conflicts and errors), in plan order.
export function blockers(plan: Plan): Action[] {
  return plan.actions.filter((a) => BLOCKING.has(a.kind));
}

function isLinkChange(a: Action): a is LinkAction {
  return a.kind === "create" || a.kind === "repair" || a.kind === "replace";
}

function sameRecord(a: StateLink | undefined, b: StateLink): boolean {
  return (
    a !== undefined &&
    a.type === b.type &&
    a.source === b.source &&
    a.linkText === b.linkText &&
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.name === b.name
  );
}

// An `ok` link that state does not record (made by hand, or before a crash lost its journal
// line) becomes managed, so that prune can later remove exactly it.
function okRecord(a: LinkAction, madeAt: string): StateLink | undefined {
  const rec = okRecordOf(a, madeAt);
  return rec && withName(rec, a.name);
}

function okRecordOf(a: LinkAction, madeAt: string): StateLink | undefined {
  if (a.type === "hardlink") {
    if (a.observed.kind !== "file") return undefined;
    return { type: a.type, source: a.source, dev: a.observed.dev, ino: a.observed.ino, madeAt };
  }
  if (a.observed.kind !== "symlink") return undefined;
  return { type: a.type, source: a.source, linkText: a.observed.text, madeAt };
}

// A `create` planned on an empty target needs no probe first: symlink(2) and link(2) fail with
// EEXIST when anything is there, which re-checks "nothing at the target" atomically (createLink
// turns it into `stale`). One system call instead of two per link.
function atomicCheck(a: LinkAction): boolean {
  return a.kind === "create" && a.observed.kind === "missing";
}

const NOT_REACHED = "not reached: the apply was interrupted";

// An action the run did not act on: unchanged, or not reached when it was interrupted.
function unreached(a: Action, stopped: boolean): Outcome {
  return stopped && a.kind !== "ok" ? { action: a, status: "failed", detail: NOT_REACHED } : { action: a, status: "unchanged" };
}

// With an abort signal, the synchronous work yields to the event loop every few milliseconds
// so that a signal handler can run; true once the signal is aborted (finish this step, stop).
function interruptible(signal: AbortSignal | undefined): () => Promise<boolean> {
  let last = 0; // the first call yields: a signal that came during planning stops the run at once
  return async () => {
    if (!signal) return false;
    if (Date.now() - last >= 10) {
      await new Promise((resolve) => setImmediate(resolve));
      last = Date.now();
    }
    return signal.aborted;
  };
}

function message(err: unknown): string {
  return describeFsError(err);
}

export async function apply(plan: Plan, deps: ApplyDeps & ApplyLockOptions): Promise<ApplyResult> {
  const { fs, stateFile } = deps;
  if (isBlocked(plan)) {
    return { outcomes: [], state: deps.state, changed: false, ok: false, blocked: blockers(plan) };
  }
  const now = deps.now ?? (() => new Date());
  let lock: LockHandle | undefined;
  if (!deps.alreadyLocked) lock = await acquireLock(stateFile, fs, { timeoutMs: deps.lockTimeoutMs ?? 10_000 });
  // Leftovers of a crashed run are merged in (replaying is idempotent), so that they survive
  // the journal's deletion below.
  const leftover = readJournal(stateFile, fs);
  const state: State = replayJournal(deps.state, leftover, fs);
  let dirty = leftover.some((e) => !isIntent(e));
  const journal = openJournal(stateFile, fs);
  try {
    const ctx: StepContext = {
      fs,
      platform: platformFor(deps.platform),
      nowIso: () => now().toISOString(),
      backupsOf: (target) => state.backups.filter((b) => b.target === target),
      record(entries: JournalEntry[]) {
        // A set-link line may wait a little (journal-writer.ts): its link is already in place.
        if (entries.every((e) => e.op === "set-link")) journal.appendLater(entries);
        else journal.append(entries);
        for (const e of entries) applyEntry(state, e);
        if (entries.some((e) => !isIntent(e))) dirty = true;
      },
    };
    const outcomes = new Map<Action, Outcome>();
    const interrupted = interruptible(deps.signal);
    const runner = deps.runHook ?? execaRunner(deps.env);

    if (hasChanges(plan) && deps.hooks.before.length > 0) {
      const h = await runHooks(deps.hooks.before, deps.manifestDir, runner);
      if (h.failed) {
        return { outcomes: [], state: deps.state, changed: false, ok: false, hookError: { ...h.failed, phase: "before" } };
      }
    }

    const linkActions = plan.actions.filter(isLinkChange);
    // Removals: links first, then directories deepest first (the plan's own order, plan/order.ts).
    const removals = sortActions(plan.actions.filter(isPrune));

    // 1. Parent directories, for the actions that still match their plan.
    const dirsCreated = await makeParents(ctx, linkActions, {
      interrupted,
      stale: (a) => (atomicCheck(a) ? undefined : compareObserved(a.observed, probeNow(a.target, fs))),
      outcomes,
    });

    const steps = linkActions.length + removals.length;
    let started = 0;
    const own: OwnWrites = new Map();
    const run = async (a: Action, step: () => StepResult, check: boolean) => {
      deps.progress?.({ phase: "apply", done: started++, total: steps });
      if (outcomes.has(a)) return;
      if (await interrupted()) {
        outcomes.set(a, { action: a, status: "failed", detail: NOT_REACHED });
        return;
      }
      try {
        if (check) {
          const why = compareObserved(expectedNow(a.observed, own), probeNow(a.target, fs));
          if (why) throw new Stale(why);
        }
        const r = step();
        if (r.rewrote) own.set(ownWriteKey(r.rewrote.dev, r.rewrote.ino), r.rewrote);
        const o: Outcome = { action: a, status: r.unchanged ? "unchanged" : "done" };
        if (r.detail) o.detail = r.detail;
        if (r.backup) o.backup = r.backup;
        outcomes.set(a, o);
      } catch (err) {
        outcomes.set(a, { action: a, status: err instanceof Stale ? "stale" : "failed", detail: message(err) });
      }
    };

    // 2. Removals (a "forget" touches nothing on disk: no re-check needed).
    for (const a of removals) await run(a, () => removeEntry(ctx, a), a.kind === "remove");
    // 3. Creations, repairs, replacements.
    for (const a of linkActions) await run(a, () => (a.kind === "create" ? createLink(ctx, a) : replaceLink(ctx, a)), !atomicCheck(a));

    // ok links: make sure state records them (no disk change, no journal needed).
    const madeAt = ctx.nowIso();
    for (const a of plan.actions) {
      if (a.kind !== "ok") continue;
      outcomes.set(a, { action: a, status: "unchanged" });
      const rec = okRecord(a, madeAt);
      const cur = state.links[a.target];
      if (rec && !sameRecord(cur, rec)) {
        state.links[a.target] = cur?.madeAt && cur.source === rec.source ? { ...rec, madeAt: cur.madeAt } : rec;
        dirty = true;
      }
    }

    const stopped = deps.signal?.aborted === true;
    const list = plan.actions.map((a) => outcomes.get(a) ?? unreached(a, stopped));
    if (dirty) writeStateFile(stateFile, state, fs);
    journal.finish();

    const changed = list.some((o) => o.status === "done" && o.action.kind !== "forget");
    const result: ApplyResult = {
      outcomes: list,
      state,
      changed,
      dirsCreated,
      ok: !stopped && list.every((o) => o.status === "done" || o.status === "unchanged"),
    };
    if (stopped) result.interrupted = true;
    if (changed && !stopped && deps.hooks.after.length > 0) {
      const h = await runHooks(deps.hooks.after, deps.manifestDir, runner);
      if (h.failed) {
        result.hookError = { ...h.failed, phase: "after" };
        result.ok = false;
      }
    }
    return result;
  } finally {
    journal.close();
    lock?.release();
  }
}
