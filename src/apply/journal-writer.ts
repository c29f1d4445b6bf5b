// Writing the journal: one JSON line per completed step, appended as it happens, so that a crash
// at any instant leaves a record the next run replays onto the state file (the format and its
// replay: state/replay.ts).

import type { FsWrite } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { journalPath, type JournalEntry } from "../state/replay.js";

/** An open journal: append() writes (and may fsync) at once; appendLater() may wait. */
export interface JournalWriter {
  append(entries: readonly JournalEntry[]): void;
  /** Lines whose loss a kill may afford (see openJournal): written with the next append. */
  appendLater(entries: readonly JournalEntry[]): void;
  /** Close and delete the journal (after the state file is written). */
  finish(): void;
  /** Write what waits, and close. */
  close(): void;
}

// Lines held back by appendLater before they are written anyway.
const LATER_MAX = 256;

// Open the journal for appending (created on first use, so a no-op run writes nothing).
// append() writes at once (so a killed process loses none of those lines, nor any line before
// them: the journal keeps its order). appendLater() is for `set-link` lines of links made where
// nothing was: they are written in groups (up to LATER_MAX, and before any other line), so a
// killed process may lose the last group; the next plan then finds those links in place, `ok`,
// and apply records them (as for a link made by hand), so nothing is lost and the run converges.
// fsync, which only matters for power loss, runs at once for a backup (where user bytes went)
// and otherwise not at all unless `syncEveryMs` asks for a group commit: a line lost to a power
// cut loses no data (the next plan re-observes the link, replay settles intents from the disk),
// and an fsync every 100 ms cost a 100k-link apply from scratch about half its time here.
export function openJournal(
  stateFile: string,
  fs: FsWrite,
  opts: { syncEveryMs?: number } = {},
): JournalWriter {
  const file = journalPath(stateFile);
  const every = opts.syncEveryMs ?? Infinity;
  let fd: number | undefined;
  let lastSync = Date.now();
  let later: string[] = [];
  const write = (lines: string[], backup: boolean) => {
    if (lines.length === 0) return;
    if (fd === undefined) fd = fs.openSync(file, "a");
    fs.writeSync(fd, lines.join("\n") + "\n");
    const now = Date.now();
    if (backup || now - lastSync >= every) {
      fs.fsyncSync(fd);
      lastSync = now;
    }
  };
  const flush = () => {
    const lines = later;
    later = [];
    write(lines, false);
  };
  return {
    append(entries) {
      if (entries.length === 0) return;
      write([...later.splice(0), ...entries.map((e) => JSON.stringify(e))], entries.some((e) => e.op === "add-backup"));
    },
    appendLater(entries) {
      for (const e of entries) later.push(JSON.stringify(e));
      if (later.length >= LATER_MAX) flush();
    },
    finish() {
      later = []; // the state file, written, holds them
      this.close();
      try {
        fs.unlinkSync(file);
      } catch (err) {
        if (errnoCode(err) !== "ENOENT") throw err;
      }
    },
    close() {
      flush();
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}
