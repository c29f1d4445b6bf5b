// The journal an apply leaves beside the state file (one JSON line per completed step; apply/
// journal.ts writes it) and its replay onto the state. Replay is a state concern: read-only
// commands see a crashed run's completed steps in memory, and apply's recovery (apply/recover.ts)
// writes the replayed state under the lock. Every act on the disk is journaled as an intent
// first (`tmp`, `mkdir`, `backup`), so that an act whose completion line was never written is
// still accounted for on replay (see intents.ts).

import type { FsRead } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import type { State, StateBackup, StateLink } from "./types.js";
import { settleIntents } from "./intents.js";

/**
 * One state delta, or an intent written before an act: `tmp` (a temporary sibling about to be
 * made, removed on recovery), `mkdir` (a directory about to be made), `backup` (a backup about
 * to be made, with the identity its name will have: dev/ino, or the text of a symlink).
 */
export type JournalEntry =
  | { op: "set-link"; target: string; link: StateLink }
  | { op: "delete-link"; target: string }
  | { op: "add-dir"; path: string }
  | { op: "remove-dir"; path: string }
  | { op: "add-backup"; backup: StateBackup }
  | { op: "remove-backup"; backup: StateBackup }
  | { op: "tmp"; path: string; linkText?: string; dev?: number; ino?: number }
  | { op: "mkdir"; path: string }
  | { op: "backup"; backup: StateBackup; linkText?: string; dev?: number; ino?: number };

// The journal sits next to the state file.
export function journalPath(stateFile: string): string {
  return `${stateFile}.journal`;
}

// Apply one delta to a state (mutates it); replaying the same entry twice is harmless.
export function applyEntry(state: State, e: JournalEntry): void {
  switch (e.op) {
    case "set-link":
      state.links[e.target] = e.link;
      return;
    case "delete-link":
      delete state.links[e.target];
      return;
    case "add-dir": {
      const ix = dirIndex(state.dirs);
      if (!ix.has(e.path)) {
        ix.set(e.path, state.dirs.length);
        state.dirs.push(e.path);
      }
      return;
    }
    case "remove-dir": {
      // The last entry takes the removed one's place: order is not kept (the state file sorts
      // its directories), so removing is O(1) too.
      const ix = dirIndex(state.dirs);
      const i = ix.get(e.path);
      if (i === undefined) return;
      ix.delete(e.path);
      const last = state.dirs.pop() as string;
      if (i < state.dirs.length) {
        state.dirs[i] = last;
        ix.set(last, i);
      }
      return;
    }
    case "add-backup":
      if (!state.backups.some((b) => b.target === e.backup.target && b.backup === e.backup.backup)) {
        state.backups.push(e.backup);
      }
      return;
    case "remove-backup":
      state.backups = state.backups.filter(
        (b) => !(b.target === e.backup.target && b.backup === e.backup.backup),
      );
      return;
    case "tmp":
    case "mkdir":
    case "backup":
      return;
  }
}

// path → position in a state's `dirs`, built once per array (and kept in step by applyEntry),
// so that an apply making 25,000 directories does not search the list 25,000 times (that was
// 1.9 s of a 100k-link apply). Duplicates in a hand-edited state file are dropped on the way.
const dirIndexes = new WeakMap<string[], Map<string, number>>();
function dirIndex(dirs: string[]): Map<string, number> {
  let ix = dirIndexes.get(dirs);
  if (ix && ix.size === dirs.length) return ix;
  ix = new Map();
  let n = 0;
  for (const d of dirs) {
    if (ix.has(d)) continue;
    ix.set(d, n);
    dirs[n++] = d;
  }
  dirs.length = n;
  dirIndexes.set(dirs, ix);
  return ix;
}

// The state as it is after the journal's deltas. With `fs` (read-only probes), intents whose
// completion was never journaled are settled by what is on disk (intents.ts); without it, pure.
export function replayJournal(state: State, entries: readonly JournalEntry[], fs?: FsRead): State {
  const next = cloneState(state);
  for (const e of entries) applyEntry(next, e);
  if (fs) for (const e of settleIntents(entries, fs)) applyEntry(next, e);
  return next;
}

export function cloneState(state: State): State {
  return {
    ...state,
    links: { ...state.links },
    dirs: [...state.dirs],
    backups: [...state.backups],
  };
}

// Read-only: the journal's entries, [] when there is none. A torn last line (a crash in the
// middle of a write) is ignored: its step's effect is re-observed by the next plan.
export function readJournal(stateFile: string, fs: FsRead): JournalEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(journalPath(stateFile), "utf8");
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return [];
    throw err;
  }
  const out: JournalEntry[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (e && typeof e === "object" && typeof e.op === "string") out.push(e);
    } catch {
      // torn line
    }
  }
  return out;
}
