// Write the state file atomically: a temp file in the same directory, fsync, rename over.
// A reader (or a crash) sees the old file or the new one, never half of one.

import { writeFileAtomic, type FsWrite } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import type { State } from "./types.js";

// Sorted keys and one link per line: stable, diffable, small.
export function serializeState(state: State): string {
  const links: State["links"] = {};
  for (const k of Object.keys(state.links).sort()) links[k] = state.links[k]!;
  const doc: State = {
    formatVersion: state.formatVersion,
    manifest: state.manifest,
    links,
    dirs: [...state.dirs].sort(),
    backups: state.backups,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

// mkdir -p the state directory, then temp + fsync + rename (platform/fs.ts).
export function writeStateFile(file: string, state: State, fs: FsWrite): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(fs, file, serializeState(state), 0o600);
}
