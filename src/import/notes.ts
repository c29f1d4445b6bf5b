// Import notes → stderr lines ("FILE:LINE:COL: dropped: ..."), and the exit-code rule:
// 0 when everything was carried over (changes of meaning are printed as warnings), 1 when
// anything was dropped or nothing usable came out. Deterministic order: as found.

import { isInside, path } from "../platform/paths.js";
import type { ImportNote, NoteLevel } from "./model.js";

const LABEL: Record<NoteLevel, string> = { dropped: "dropped", changed: "warning", info: "note" };

// One line per note; a note without a position names only the file (or nothing).
export function formatNotes(notes: readonly ImportNote[], cwd: string): string {
  return notes
    .map((n) => {
      let where = "";
      if (n.file) {
        where = isInside(n.file, cwd) && n.file !== cwd ? path.relative(cwd, n.file) : n.file;
        if (n.line) where += `:${n.line}:${n.col ?? 1}`;
        where += ": ";
      }
      return `${where}${LABEL[n.level]}: ${n.message}\n`;
    })
    .join("");
}

// True when something in the original configuration is missing from the output.
export function anythingDropped(notes: readonly ImportNote[]): boolean {
  return notes.some((n) => n.level === "dropped");
}

// Keeps the first of notes with the same level and message (one note per kind of change, not
// one per link), so that a 200-link dotbot file does not print 200 identical warnings.
export function dedupeNotes(notes: readonly ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.level}\0${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
