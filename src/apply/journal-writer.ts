// Writing the journal: one JSON line per completed step, appended and fsynced as it happens, so
// that a crash at any instant leaves a record the next run replays onto the state file (the
// format and its replay: state/replay.ts).

import type { FsWrite } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { journalPath, type JournalEntry } from "../state/replay.js";

/** An open journal: append() writes and fsyncs one line per call. */
export interface JournalWriter {
  append(entries: readonly JournalEntry[]): void;
  /** Close and delete the journal (after the state file is written). */
  finish(): void;
  close(): void;
}

// Open the journal for appending (created on first use, so a no-op run writes nothing).
// Every line is written (so a killed process loses none); fsync, which only matters for power
// loss, runs at once for a backup (where user bytes went) and otherwise at most every
// `syncEveryMs` (group commit): a lost line loses no data, the next plan re-observes the link.
export function openJournal(
  stateFile: string,
  fs: FsWrite,
  opts: { syncEveryMs?: number } = {},
): JournalWriter {
  const file = journalPath(stateFile);
  const every = opts.syncEveryMs ?? 100;
  let fd: number | undefined;
  let lastSync = Date.now();
  return {
    append(entries) {
      if (entries.length === 0) return;
      if (fd === undefined) fd = fs.openSync(file, "a");
      fs.writeSync(fd, entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
      const now = Date.now();
      if (entries.some((e) => e.op === "add-backup") || now - lastSync >= every) {
        fs.fsyncSync(fd);
        lastSync = now;
      }
    },
    finish() {
      this.close();
      try {
        fs.unlinkSync(file);
      } catch (err) {
        if (errnoCode(err) !== "ENOENT") throw err;
      }
    },
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}
