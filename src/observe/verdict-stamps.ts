// What an observation depended on, as stamps (verdict-cache.ts says why they suffice). A
// recording FsRead notes every path any call was given; afterwards each such path's directory,
// every ancestor up to the root, the path itself when the call follows it (readdir, stat,
// realpath, reading a file) and, for every symlink met on the way, the chain of what it points
// at, are lstat'ed into stamps. Read-only: only apply writes the cache.

import { realpathOr, type FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { ABSENT, stampFrom, type Stamp } from "./verdict-cache.js";

/** Calls that look at the entry itself (not what a symlink there points at). */
const NO_FOLLOW = new Set(["lstatSync", "readlinkSync"]);

export interface Recorder {
  /** Passes every call through to the real FsRead, noting the path it was given. */
  fs: FsRead;
  /** Path → whether a call followed it (looked through a symlink at its last component). */
  touched: Map<string, boolean>;
}

export function recordingFs(inner: FsRead): Recorder {
  const touched = new Map<string, boolean>();
  const wrapped = new Map<string, unknown>(); // one wrapper per method, made on first use
  const fs = new Proxy(inner, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver) as unknown;
      if (typeof v !== "function" || typeof name !== "string") return v;
      let w = wrapped.get(name);
      if (w === undefined) {
        const follows = !NO_FOLLOW.has(name);
        w = (...args: unknown[]) => {
          const p = args[0];
          if (typeof p === "string" && (follows ? touched.get(p) !== true : !touched.has(p))) touched.set(p, follows);
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
        wrapped.set(name, w);
      }
      return w;
    },
  });
  return { fs, touched };
}

const S_IFMT = 0o170000n;
const S_IFDIR = 0o040000n;
const S_IFLNK = 0o120000n;

/**
 * Stamps for everything the recorded calls depended on, and one directory per device (to ask
 * its file system type). Regular files are not stamped: what a file is, and which inode a name
 * holds, is its directory's entry.
 */
export function stampsFor(fs: FsRead, touched: ReadonlyMap<string, boolean>): { stamps: Stamp[]; dirOfDevice: Map<string, string> } {
  const seen = new Map<string, Stamp | null>();
  const dirOfDevice = new Map<string, string>();
  // lstat every component of `p` from the root down, stopping below a missing one or a file.
  const chain = (p: string, depth: number): void => {
    if (depth > 40) return; // a symlink loop: the stamps already taken show any change to it
    const parts: string[] = [];
    for (let d = p; ; d = path.dirname(d)) {
      parts.push(d);
      if (path.dirname(d) === d) break;
    }
    for (const d of parts.reverse()) {
      if (!seen.has(d)) seen.set(d, take(d, depth));
      const s = seen.get(d);
      if (!s || s[1] === ABSENT) return; // below a missing or non-directory component nothing resolves
    }
  };
  // One component: a directory or symlink is stamped (a symlink then also by what it points at);
  // a missing one is stamped as absent; a file is not (null: nothing resolves below it).
  const take = (d: string, depth: number): Stamp | null => {
    let s: Stamp;
    let mode: bigint;
    try {
      const st = fs.lstatSync(d, { bigint: true, throwIfNoEntry: false });
      s = stampFrom(d, st);
      if (!st) return s;
      mode = st.mode & S_IFMT;
    } catch {
      return null;
    }
    if (mode === S_IFDIR) {
      if (!dirOfDevice.has(s[1])) dirOfDevice.set(s[1], d);
      return s;
    }
    if (mode !== S_IFLNK) return null;
    seen.set(d, s);
    try {
      // The kernel resolves the text from the directory's real path (`..` goes up physically).
      chain(path.resolve(realpathOr(fs, path.dirname(d)), fs.readlinkSync(d, "utf8")), depth + 1);
    } catch {
      // unreadable: its own stamp stands for it
    }
    return s;
  };
  for (const [p, follows] of touched) {
    if (!path.isAbsolute(p)) continue;
    chain(path.dirname(p), 0);
    if (follows) chain(p, 0);
  }
  const stamps = [...seen.values()].filter((s): s is Stamp => s !== null);
  return { stamps, dirOfDevice };
}
