// Intents: before every act on the disk an apply journals what it is about to do. A process
// killed between the act and the line that records its completion leaves an intent with no
// completion; on replay the disk tells whether the act happened. Read-only (probes only).

import { errnoCode, type FsRead } from "../platform/fs.js";
import { childOf, pathDepth } from "../platform/paths.js";
import type { JournalEntry } from "./replay.js";

type Intent = Extract<JournalEntry, { op: "mkdir" | "backup" }>;

/** Intents are no-ops on a state; the deltas that complete them are not. */
export function isIntent(e: JournalEntry): boolean {
  return e.op === "tmp" || e.op === "mkdir" || e.op === "backup";
}

// What an entry is about: a directory or a backup name. A later entry about the same thing
// settles an intent (its completion was journaled, or something after it decided).
function subject(e: JournalEntry): string | undefined {
  switch (e.op) {
    case "mkdir":
    case "add-dir":
    case "remove-dir":
      return `dir\0${e.path}`;
    case "backup":
    case "add-backup":
    case "remove-backup":
      return `bak\0${e.backup.target}\0${e.backup.backup}`;
    default:
      return undefined;
  }
}

// lstat now; undefined when nothing is there (state/ sits below observe/, so no prober here).
function lstatNow(p: string, fs: FsRead) {
  try {
    return fs.lstatSync(p, { bigint: false, throwIfNoEntry: false });
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

// The completion of an intent whose act is found done on disk, else undefined. A directory
// counts as made by us when it exists and holds nothing but directories already settled as made
// by us (`ours`: apply journals the completions of a chain of new directories together, after
// the chain), so nothing of anyone else's is in it; a backup when its name holds exactly what
// was being kept (same inode, or same link text).
function completion(e: Intent, fs: FsRead, ours: ReadonlySet<string>): JournalEntry | undefined {
  if (e.op === "mkdir") {
    if (!lstatNow(e.path, fs)?.isDirectory()) return undefined;
    const names = fs.readdirSync(e.path);
    return names.every((n) => ours.has(childOf(e.path, n))) ? { op: "add-dir", path: e.path } : undefined;
  }
  const st = lstatNow(e.backup.backup, fs);
  const same =
    st !== undefined &&
    (e.linkText !== undefined
      ? st.isSymbolicLink() && fs.readlinkSync(e.backup.backup, "utf8") === e.linkText
      : !st.isSymbolicLink() && st.dev === e.dev && st.ino === e.ino);
  return same ? { op: "add-backup", backup: e.backup } : undefined;
}

/** The completions to add for the journal's unsettled intents (the last word on their subject). */
export function settleIntents(entries: readonly JournalEntry[], fs: FsRead): JournalEntry[] {
  const last = new Map<string, JournalEntry>();
  for (const e of entries) {
    const s = subject(e);
    if (s !== undefined) last.set(s, e);
  }
  const out: JournalEntry[] = [];
  const ours = new Set<string>();
  for (const e of last.values()) if (e.op === "add-dir") ours.add(e.path);
  // Deepest first: a directory's new subdirectories are settled before it.
  const open = [...last.values()].filter((e): e is Intent => e.op === "mkdir" || e.op === "backup");
  const depth = (e: Intent) => (e.op === "mkdir" ? pathDepth(e.path) : 0);
  for (const e of open.sort((a, b) => depth(b) - depth(a))) {
    const c = completion(e, fs, ours);
    if (c?.op === "add-dir") ours.add(c.path);
    if (c) out.push(c);
  }
  return out;
}
