// A failed file system call as the user should read it: linkfarm's own names (the target, not
// the temp sibling `.NAME.linkfarm-tmp-PID-N` a link is first made as), linkfarm's own order
// (`target -> link text`, `target => source`; Node's message has the reverse), and, when a
// directory refused to let an entry be made or removed, that directory.

import { path, plainWin32 } from "../platform/paths.js";

interface ErrnoLike {
  code: string;
  message: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

function isErrno(err: unknown): err is ErrnoLike {
  return err instanceof Error && typeof (err as { code?: unknown }).code === "string";
}

/** The path a temp sibling stands for (`.x.linkfarm-tmp-1-0` → `x`); other paths unchanged. */
export function untemp(p: string): string {
  const m = /^\.(.+)\.linkfarm-tmp-\d+(?:-\d+)?$/.exec(path.basename(p));
  return m ? path.join(path.dirname(p), m[1]!) : p;
}

// Calls that add or remove an entry of a directory: a refusal is the directory's.
const CHANGES_DIR = new Set(["symlink", "link", "rename", "mkdir", "unlink", "rmdir"]);
const REFUSED = new Set(["EACCES", "EPERM", "EROFS"]);

export function describeFsError(err: unknown): string {
  if (!isErrno(err) || err.syscall === undefined) return err instanceof Error ? err.message : String(err);
  // "EACCES: permission denied, symlink 'a' -> 'b'" → "EACCES: permission denied"
  const cause = err.message.split(", ")[0] ?? err.code;
  // Windows reports `\\?\C:\...`: show the path as the user wrote it.
  const from = err.path !== undefined ? plainWin32(err.path) : undefined;
  const to = err.dest !== undefined ? plainWin32(err.dest) : undefined;
  const entry = to !== undefined ? untemp(to) : from !== undefined ? untemp(from) : undefined;
  let call = err.syscall;
  if (err.syscall === "symlink" && to !== undefined) call = `symlink ${entry} -> ${from}`;
  else if (err.syscall === "link" && to !== undefined) call = `link ${entry} => ${from}`;
  else if (entry !== undefined) call = `${err.syscall} ${entry}`;
  if (entry !== undefined && REFUSED.has(err.code) && CHANGES_DIR.has(err.syscall)) {
    return `${cause}: the directory ${path.dirname(entry)} refused the change (${call})`;
  }
  return `${cause} (${call})`;
}
