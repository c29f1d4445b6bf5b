// The verdict cache, write side (read side and why it is exact: observe/verdict-cache.ts).
// Written only by an in-sync apply over the whole manifest, after it ran (the caller checks
// that); plan, status and apply --dry-run make no mutating system call.
//
// Refused (nothing written) when any stamp's ctime lies within RACY_NS of the observation's
// start (git's racy-index rule: a change during the observation, or in the same clock tick as
// a stamp, must never be hidden), or when a stamped directory's file system is not one whose
// directory ctimes we vouch for.

import { RACY_NS, ABSENT, CACHE_VERSION, cacheFileOf, nowNs, readStateBytes, stampOf, stateDigest, type VerdictCacheFile } from "../observe/verdict-cache.js";
import { stampsFor } from "../observe/verdict-stamps.js";
import { writeFileAtomic, type FsWrite } from "../platform/fs.js";
import type { Diagnostic } from "../diagnostic.js";
import type { Plan } from "../plan/types.js";
import { currentKey, currentTextKey, type VerdictFacts } from "../pipeline/verdict.js";
import type { Recorder } from "../observe/verdict-stamps.js";
import type { ApplyResult } from "./types.js";
import { path } from "../platform/paths.js";

// statfs f_type of local Linux file systems whose directory ctimes follow POSIX, are set by the
// kernel on every entry change with a sub-second clock and read from the inode itself (no
// attribute cache, unlike NFS, SMB, FUSE; not overlayfs, whose copy-up changes inodes):
// ext2/3/4, xfs, btrfs, tmpfs, f2fs, zfs, bcachefs. Anything else is not vouched for.
const LOCAL_FS: ReadonlyMap<number, string> = new Map([
  [0xef53, "ext2/3/4"],
  [0x58465342, "xfs"],
  [0x9123683e, "btrfs"],
  [0x01021994, "tmpfs"],
  [0xf2f52010, "f2fs"],
  [0x2fc12fc1, "zfs"],
  [0xca451a4e, "bcachefs"],
]);

const PROBED = "; ctime probe passed";

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Do directory ctimes on `dir`'s file system move on create, rename and unlink, with a
 * sub-second clock? true, or why not. Makes (and removes) one scratch directory in `dir`.
 */
export function probeCtimes(fs: FsWrite, dir: string): true | string {
  const scratch = path.join(dir, `.linkfarm-ctime-probe-${process.pid}`);
  const ctime = (): bigint => {
    const c = stampOf(fs, scratch)[3];
    return c === ABSENT ? -1n : BigInt(c);
  };
  fs.mkdirSync(scratch);
  try {
    let before = ctime();
    if (before % 1_000_000_000n === 0n) return "directory ctimes have whole seconds only";
    const moves = (what: string, op: () => void): string | undefined => {
      sleep(20); // past a coarse clock's tick, so that a change that moved the ctime shows it
      op();
      const after = ctime();
      if (after <= before) return `a directory's ctime did not move on ${what}`;
      before = after;
      return undefined;
    };
    const a = path.join(scratch, "a");
    const b = path.join(scratch, "b");
    return moves("create", () => fs.writeFileSync(a, "")) ?? moves("rename", () => fs.renameSync(a, b)) ?? moves("unlink", () => fs.unlinkSync(b)) ?? true;
  } finally {
    for (const f of ["a", "b"]) {
      try {
        fs.unlinkSync(path.join(scratch, f));
      } catch {
        // not there
      }
    }
    fs.rmdirSync(scratch);
  }
}

export interface WriteCacheArgs {
  fs: FsWrite;
  os: string;
  stateFile: string;
  /** The key for the state as it is now (after the apply). */
  key: string;
  /** The text key for it (pipeline/verdict.ts currentTextKey), when there is one. */
  textKey?: string | undefined;
  /** Paths the planning observation looked at (observe/verdict-stamps.ts recordingFs). */
  touched: ReadonlyMap<string, boolean>;
  /** Wall clock (ns) before that observation began. */
  startedNs: bigint;
  links: number;
  plainSymlinks: boolean;
}

// Why directory ctimes on `dev` are trusted (a device outside the state directory's is vouched
// for by its type; the state directory's is probed, once: the verdict is carried over).
function vouch(a: WriteCacheArgs, dirOfDevice: ReadonlyMap<string, string>, before: Record<string, string>): Record<string, string> | string {
  if (a.os !== "linux") return `directory ctimes not vouched for on ${a.os}`;
  const stateDir = path.dirname(a.stateFile);
  const stateDev = stampOf(a.fs, stateDir)[1];
  const devices: Record<string, string> = {};
  for (const [dev, dir] of new Map([...dirOfDevice, [stateDev, stateDir]])) {
    const type = Number(a.fs.statfsSync(dir).type);
    const name = LOCAL_FS.get(type);
    if (!name) return `file system type 0x${type.toString(16)} of ${dir} not vouched for`;
    devices[dev] = name;
  }
  const carried = before[stateDev];
  if (carried?.endsWith(PROBED)) devices[stateDev] = carried;
  else {
    const probed = probeCtimes(a.fs, stateDir);
    if (probed !== true) return probed;
    devices[stateDev] += PROBED;
  }
  return devices;
}

function previousDevices(fs: FsWrite, file: string): Record<string, string> {
  try {
    const old = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<VerdictCacheFile>;
    return old.devices && typeof old.devices === "object" ? old.devices : {};
  } catch {
    return {};
  }
}

// The state file's digest, and its stamp when older than `newest` (not racy): stamped first, so
// that a change after the stamp moves its ctime past what was recorded.
function stateRecord(fs: FsWrite, stateFile: string, newest: bigint): VerdictCacheFile["state"] {
  const stamp = stampOf(fs, stateFile);
  const digest = stateDigest(readStateBytes(fs, stateFile));
  return stamp[3] !== ABSENT && BigInt(stamp[3]) < newest ? { digest, stamp } : { digest };
}

/**
 * After an apply the verdict cache answered (under the lock): the apply that wrote the cache
 * had just written the state, too recently for its stamp, so readers hash the state's bytes.
 * Once the state has been still for the racy window, record its stamp (taken before its bytes
 * are checked against the digest), so that later readers need only lstat it. Never throws.
 */
export function stampStateWhenStill(fs: FsWrite, stateFile: string): void {
  const file = cacheFileOf(stateFile);
  try {
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as VerdictCacheFile;
    if (doc.state.stamp) return;
    const state = stateRecord(fs, stateFile, nowNs() - RACY_NS);
    if (!state.stamp || state.digest !== doc.state.digest) return;
    writeFileAtomic(fs, file, JSON.stringify({ ...doc, state }), 0o600);
  } catch {
    // the cache stays as it was
  }
}

/** Writes the cache; undefined when written, else why not. Never throws. */
export function writeVerdictCache(a: WriteCacheArgs): string | undefined {
  const file = cacheFileOf(a.stateFile);
  try {
    const { stamps, dirOfDevice } = stampsFor(a.fs, a.touched);
    const newest = a.startedNs - RACY_NS;
    const racy = stamps.find((s) => s[3] !== ABSENT && BigInt(s[3]) >= newest);
    if (racy) return `changed too recently to be trusted: ${racy[0]}`;
    const devices = vouch(a, dirOfDevice, previousDevices(a.fs, file));
    if (typeof devices === "string") return devices;
    const textKey = a.textKey !== undefined ? { textKey: a.textKey } : {};
    const state = stateRecord(a.fs, a.stateFile, newest);
    const doc: VerdictCacheFile = { version: CACHE_VERSION, key: a.key, ...textKey, stamps, links: a.links, plainSymlinks: a.plainSymlinks, written: String(a.startedNs), devices, state };
    writeFileAtomic(a.fs, file, JSON.stringify(doc), 0o600);
    return undefined;
  } catch (err) {
    return `not written: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export interface AfterApply extends Omit<VerdictFacts, "fs"> {
  fs: FsWrite;
  plan: Plan;
  result: ApplyResult;
  /** Warnings of the planning pipeline: a verdict cannot repeat them, so none may have been. */
  diagnostics: readonly Diagnostic[];
  recorder: Recorder;
  startedNs: bigint;
  /** The manifest's text when it may make a text key (cli/load-context.ts ManifestContext.text). */
  text?: string | undefined;
}

/**
 * After an apply: write the cache when it was the in-sync apply over the whole manifest (a
 * fresh plan, no selector, every action `ok`, nothing done, stale or failed, no warning).
 * Undefined when written, else why not.
 */
export function saveVerdictAfterApply(a: AfterApply): string | undefined {
  const { plan, result } = a;
  if (plan.selection) return "a selection covers part of the manifest";
  if (a.diagnostics.length > 0) return "the plan had warnings";
  if (plan.actions.some((x) => x.kind !== "ok")) return "not in sync";
  if (!result.ok || result.changed || result.outcomes.some((o) => o.status !== "unchanged")) return "the apply changed something";
  const plainSymlinks = plan.actions.every(
    (x) => x.kind === "ok" && x.type !== "hardlink" && (x.sourceObserved.kind === "file" || x.sourceObserved.kind === "dir"),
  );
  const key = currentKey(a);
  const textKey = a.text !== undefined ? currentTextKey({ ...a, file: a.manifest.file, text: a.text, hash: a.manifest.hash }) : undefined;
  return writeVerdictCache({
    fs: a.fs,
    os: a.host.os,
    stateFile: a.stateFile,
    key,
    textKey,
    touched: a.recorder.touched,
    startedNs: a.startedNs,
    links: plan.summary.ok,
    plainSymlinks,
  });
}
