// The only module that imports node:fs. Observation gets FsRead; only apply/ gets FsWrite,
// so "plan and dry-run make no mutating call" is visible in the types.

import * as nodeFs from "node:fs";
import { path } from "./paths.js";

export type FsRead = Pick<
  typeof nodeFs,
  "lstatSync" | "statSync" | "readlinkSync" | "readdirSync" | "realpathSync" | "readSync" | "closeSync" | "readFileSync" | "existsSync"
> & {
  /** Opens for reading only: FsRead has no flag that writes or creates. */
  openSync(path: string, flags: "r"): number;
};

export type FsWrite = FsRead &
  Pick<
    typeof nodeFs,
    | "mkdirSync"
    | "symlinkSync"
    | "linkSync"
    | "renameSync"
    | "unlinkSync"
    | "rmdirSync"
    | "openSync"
    | "fstatSync"
    | "writeFileSync"
    | "writeSync"
    | "fsyncSync"
    | "ftruncateSync"
    | "copyFileSync"
    | "utimesSync"
  >;

export const realFs: FsWrite = nodeFs;

/** copyFileSync mode: fail with EEXIST rather than replace the destination. */
export const COPYFILE_EXCL = nodeFs.constants.COPYFILE_EXCL;

/** Read-only view of the real file system. */
export const realFsRead: FsRead = nodeFs;

/** The errno code of a Node system error, or undefined. */
export function errnoCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

// Write `text` to `file` atomically: a temp sibling, fsync, rename over. A reader (or a crash)
// sees the old file or the new one, never half of one. On any failure the temp sibling is
// removed (best effort) and the original error is thrown.
export function writeFileAtomic(fs: FsWrite, file: string, text: string, mode: number): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.linkfarm-tmp-${process.pid}`);
  try {
    const fd = fs.openSync(tmp, "w", mode);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing was left behind (or it cannot be removed; the first error is the one to report)
    }
    throw err;
  }
}

/** The real path of `p`, or `p` itself when it cannot be resolved (missing, unreadable). */
export function realpathOr(fs: FsRead, p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
