// The state lock: a file next to the state file, created with O_CREAT|O_EXCL and holding the
// owner's pid. A lock whose pid is dead is taken over; otherwise wait (polling) up to a timeout.

import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../diagnostic.js";
import type { FsWrite } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { path } from "../platform/paths.js";

export function lockPath(stateFile: string): string {
  return `${stateFile}.lock`;
}

export interface LockHandle {
  file: string;
  release(): void;
}

interface LockInfo {
  pid?: number;
  at?: string;
}

function readLock(file: string, fs: FsWrite): { text: string; info: LockInfo } | undefined {
  try {
    const text = fs.readFileSync(file, "utf8");
    let info: LockInfo = {};
    try {
      info = JSON.parse(text) as LockInfo;
    } catch {
      // written half-way by a process that died: no pid
    }
    return { text, info };
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw err;
  }
}

// Is this process alive? EPERM means it exists but belongs to someone else.
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) === "EPERM";
  }
}

function tryCreate(file: string, fs: FsWrite): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o644);
  } catch (err) {
    if (errnoCode(err) === "EEXIST") return false;
    throw err;
  }
  try {
    fs.writeSync(fd, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

// A lock is stale when its pid is dead, or it has no pid and is older than a few seconds
// (its writer died between creating and writing it).
function isStale(file: string, lock: { info: LockInfo }, fs: FsWrite): boolean {
  if (typeof lock.info.pid === "number") return lock.info.pid !== process.pid && !pidAlive(lock.info.pid);
  try {
    return Date.now() - fs.lstatSync(file).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

// Take a stale lock away without stealing a fresh one: rename it aside, check that what we
// moved is still the stale lock we judged, then delete it (or put it back if it is not).
function takeOver(file: string, seen: string, fs: FsWrite): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return;
    throw err;
  }
  let moved = "";
  try {
    moved = fs.readFileSync(aside, "utf8");
  } catch {
    // gone: nothing to put back
  }
  if (moved === seen) {
    fs.unlinkSync(aside);
    return;
  }
  try {
    fs.linkSync(aside, file);
  } catch {
    // someone else created a lock meanwhile; theirs stands
  }
  fs.unlinkSync(aside);
}

// Take the lock, waiting up to timeoutMs; throws UserError naming the file and the holder.
export async function acquireLock(
  stateFile: string,
  fs: FsWrite,
  opts: { timeoutMs: number; pollMs?: number },
): Promise<LockHandle> {
  const file = lockPath(stateFile);
  // A run that ends up writing nothing leaves no trace: remove the state directory again if
  // this lock created it and it is still empty.
  const createdDir = fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + opts.timeoutMs;
  let poll = opts.pollMs ?? 25;
  for (;;) {
    if (tryCreate(file, fs)) {
      return {
        file,
        release() {
          try {
            const cur = readLock(file, fs);
            if (cur?.info.pid === process.pid) fs.unlinkSync(file);
          } catch {
            // already gone
          }
          if (createdDir !== undefined) {
            try {
              fs.rmdirSync(createdDir);
            } catch {
              // not empty: the state was written
            }
          }
        },
      };
    }
    const held = readLock(file, fs);
    if (held && isStale(file, held, fs)) {
      takeOver(file, held.text, fs);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = held?.info.pid !== undefined ? `process ${held.info.pid}` : "another process";
      const since = held?.info.at ? ` since ${held.info.at}` : "";
      throw new UserError([
        {
          code: "io",
          severity: "error",
          message:
            `the state is locked by ${who}${since}: ${file}\n` +
            `Waited ${(opts.timeoutMs / 1000).toFixed(1)} s (--lock-timeout). If no linkfarm is running, delete the lock file.`,
        },
      ]);
    }
    await sleep(Math.min(poll, Math.max(1, deadline - Date.now())));
    poll = Math.min(poll * 2, 250);
  }
}
