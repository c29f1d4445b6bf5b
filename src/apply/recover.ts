// Crash recovery, under the lock: replay a journal left by a killed run onto the state file
// (settling its unfinished intents by what is on disk), remove the temporary siblings it was
// making, write the state, delete the journal.

import type { Diagnostic } from "../diagnostic.js";
import type { FsWrite } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { readState } from "../state/read.js";
import { writeStateFile } from "../state/write.js";
import { journalPath, readJournal, replayJournal, type JournalEntry } from "../state/replay.js";
import { probeNow } from "../observe/probe.js";

// Remove a temp sibling only if it is still exactly the link we were making.
function removeTemp(e: Extract<JournalEntry, { op: "tmp" }>, fs: FsWrite): void {
  const o = probeNow(e.path, fs);
  const ours =
    (o.kind === "symlink" && e.linkText !== undefined && o.text === e.linkText) ||
    (o.kind === "file" && e.ino !== undefined && o.dev === e.dev && o.ino === e.ino && o.nlink > 1);
  if (!ours) return;
  try {
    fs.unlinkSync(e.path);
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw err;
  }
}

// Returns diagnostics when the state file itself is unreadable; `recovered` tells whether a
// journal was found and merged.
export function recoverState(
  stateFile: string,
  manifestFile: string,
  fs: FsWrite,
): { recovered: boolean; diagnostics: Diagnostic[] } {
  const entries = readJournal(stateFile, fs);
  if (entries.length === 0) {
    try {
      fs.unlinkSync(journalPath(stateFile));
    } catch {
      // no journal (the usual case)
    }
    return { recovered: false, diagnostics: [] };
  }
  const read = readState(stateFile, manifestFile, fs);
  if ("diagnostics" in read) return { recovered: false, diagnostics: read.diagnostics };
  for (const e of entries) if (e.op === "tmp") removeTemp(e, fs);
  writeStateFile(stateFile, replayJournal(read.state, entries, fs), fs);
  fs.unlinkSync(journalPath(stateFile));
  return { recovered: true, diagnostics: [] };
}
