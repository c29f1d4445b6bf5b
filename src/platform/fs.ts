// The only module that imports node:fs. Observation gets FsRead; only apply/ gets FsWrite,
// so "plan and dry-run make no mutating call" is visible in the types.

import * as nodeFs from "node:fs";

export type FsRead = Pick<
  typeof nodeFs,
  | "lstatSync"
  | "statSync"
  | "readlinkSync"
  | "readdirSync"
  | "realpathSync"
  | "openSync"
  | "readSync"
  | "closeSync"
  | "fstatSync"
  | "readFileSync"
  | "existsSync"
>;

export type FsWrite = FsRead &
  Pick<
    typeof nodeFs,
    | "mkdirSync"
    | "symlinkSync"
    | "linkSync"
    | "renameSync"
    | "unlinkSync"
    | "rmdirSync"
    | "writeFileSync"
    | "writeSync"
    | "fsyncSync"
    | "ftruncateSync"
    | "appendFileSync"
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

/** The real path of `p`, or `p` itself when it cannot be resolved (missing, unreadable). */
export function realpathOr(fs: FsRead, p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
