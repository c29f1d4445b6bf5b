// Right before acting, re-probe the path and compare it with what the plan observed. A
// mismatch makes the action `stale`: skipped, and the run exits 1.

import type { FsRead } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { symlinkSource } from "../observe/probe.js";
import type { Observed, SourceObserved } from "../observe/types.js";
import { childOf, path } from "../platform/paths.js";

// One path, as lstat (and readlink) sees it now. Same shape the observer records.
export function probeNow(p: string, fs: FsRead): Observed {
  let st;
  try {
    // ENOENT answers undefined instead of throwing: creating an Error costs more than the call.
    st = fs.lstatSync(p, { bigint: false, throwIfNoEntry: false });
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    throw err;
  }
  if (!st) return { kind: "missing" };
  if (st.isSymbolicLink()) return { kind: "symlink", text: fs.readlinkSync(p, "utf8"), dev: st.dev, ino: st.ino };
  if (st.isDirectory()) return { kind: "dir", dev: st.dev, ino: st.ino };
  if (st.isFile()) {
    return { kind: "file", dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size, mtimeMs: st.mtimeMs };
  }
  const what = st.isFIFO() ? "fifo" : st.isSocket() ? "socket" : st.isBlockDevice() ? "block-device" : st.isCharacterDevice() ? "char-device" : "unknown";
  return { kind: "other", what };
}

function describe(o: Observed): string {
  switch (o.kind) {
    case "missing":
      return "nothing";
    case "symlink":
      return `a symlink to ${o.text}`;
    case "file":
      return "a file";
    case "dir":
      return "a directory";
    case "other":
      return `a ${o.what}`;
  }
}

/** Files this run rewrote in place (adopt): `dev:ino` → their size and mtime afterwards. */
export type OwnWrites = Map<string, { size: number; mtimeMs: number }>;

export function ownWriteKey(dev: number, ino: number): string {
  return `${dev}:${ino}`;
}

// What the plan's observation of a path is once this run's own writes are counted: a name of a
// file that an adopt of the same plan rewrote has the new size and mtime, and is not stale.
export function expectedNow(planned: Observed, own: OwnWrites): Observed {
  if (planned.kind !== "file" || own.size === 0) return planned;
  const w = own.get(ownWriteKey(planned.dev, planned.ino));
  return w ? { ...planned, ...w } : planned;
}

// undefined when `now` still matches `planned`; else why not (one line).
export function compareObserved(planned: Observed, now: Observed): string | undefined {
  if (planned.kind !== now.kind) return `was ${describe(planned)}, now ${describe(now)}`;
  switch (planned.kind) {
    case "missing":
      return undefined;
    case "symlink": {
      const n = now as Extract<Observed, { kind: "symlink" }>;
      if (n.text !== planned.text) return `symlink changed: was ${planned.text}, now ${n.text}`;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "symlink was replaced";
      return undefined;
    }
    case "file": {
      const n = now as Extract<Observed, { kind: "file" }>;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "file was replaced";
      if (n.size !== planned.size || n.mtimeMs !== planned.mtimeMs) return "file was modified";
      return undefined;
    }
    case "dir": {
      const n = now as Extract<Observed, { kind: "dir" }>;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "directory was replaced";
      return undefined;
    }
    case "other": {
      const n = now as Extract<Observed, { kind: "other" }>;
      return n.what === planned.what ? undefined : `was a ${planned.what}, now a ${n.what}`;
    }
  }
}

// The source as the observer records it: a symlink as the symlink (lstat), anything else followed.
export function probeSourceNow(p: string, fs: FsRead): SourceObserved {
  let st;
  try {
    st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return symlinkSource(fs, p, st, childOf(fs.realpathSync(path.dirname(p)), path.basename(p)));
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP") return { kind: "missing" };
    throw err;
  }
  const realpath = fs.realpathSync(p);
  if (st.isFile()) return { kind: "file", dev: st.dev, ino: st.ino, nlink: st.nlink, size: st.size, mtimeMs: st.mtimeMs, realpath };
  if (st.isDirectory()) return { kind: "dir", dev: st.dev, ino: st.ino, realpath };
  return { kind: "other", realpath };
}

// undefined when the source is still the same file, directory or symlink (device and inode; a
// symlink's text too). Where a symlink source leads does not matter: the link points at it.
export function compareSource(planned: SourceObserved, now: SourceObserved): string | undefined {
  if (planned.kind !== now.kind) return `source changed: was ${planned.kind}, now ${now.kind}`;
  if (planned.kind === "symlink" && now.kind === "symlink" && planned.text !== now.text)
    return `source symlink changed: was ${planned.text}, now ${now.text}`;
  if (planned.kind !== "missing" && planned.kind !== "other" && now.kind !== "missing" && now.kind !== "other") {
    if (planned.dev !== now.dev || planned.ino !== now.ino) return "source was replaced";
  }
  return undefined;
}
