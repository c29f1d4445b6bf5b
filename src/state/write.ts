// Write the state file atomically: a temp file in the same directory, fsync, rename over.
// A reader (or a crash) sees the old file or the new one, never half of one.

import type { FsWrite } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
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

// mkdir -p the state directory, then temp + fsync + rename.
export function writeStateFile(file: string, state: State, fs: FsWrite): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, serializeState(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch (e2) {
      if (errnoCode(e2) !== "ENOENT") throw e2;
    }
    throw err;
  }
}
