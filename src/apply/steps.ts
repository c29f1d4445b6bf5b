// One function per step. Each step acts on a path the driver has just re-checked, records
// what it completed (journal + state) as soon as it completes, and throws Stale when the
// disk moved under it. Nothing here deletes bytes that are not kept somewhere else, except
// `overwrite`, which the user asked for.

import type { FsWrite } from "../platform/fs.js";
import { COPYFILE_EXCL, errnoCode } from "../platform/fs.js";
import { makeLink } from "../platform/links.js";
import { path } from "../platform/paths.js";
import type { Platform } from "../platform/platform.js";
import type { LinkAction, RemoveAction } from "../plan/types.js";
import type { SourceObserved } from "../observe/types.js";
import type { StateLink } from "../state/types.js";
import type { JournalEntry } from "./journal.js";
import { newerNow } from "./newer.js";
import { compareSource, probeSourceNow } from "./precheck.js";

/** The disk no longer matches the plan: skip the action, report it, exit 1. */
export class Stale extends Error {}

export interface StepContext {
  fs: FsWrite;
  /** Journal these deltas (fsynced) and apply them to the new state. */
  record(entries: JournalEntry[]): void;
  /** How links are made on the OS being applied to (symlink type, error messages). */
  platform: Platform;
  nowIso(): string;
}

export interface StepResult {
  detail?: string;
  backup?: string;
  /** Nothing was done (and nothing needed recording), e.g. a created directory not yet empty. */
  unchanged?: boolean;
}

let tmpCounter = 0;

// `.NAME.linkfarm-tmp-PID-N` next to the target: same directory, so rename is atomic.
export function tempSibling(target: string, n: number): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.linkfarm-tmp-${process.pid}-${n}`);
}

// `TARGET.linkfarm-bak`, then `.1`, `.2`, ...
export function backupCandidate(target: string, n: number): string {
  return n === 0 ? `${target}.linkfarm-bak` : `${target}.linkfarm-bak.${n}`;
}

/**
 * Hard links: the source as it is now, checked against the plan (they must link that very
 * inode). Symlinks do not depend on the source's identity: the plan's observation serves.
 */
function checkSource(ctx: StepContext, a: LinkAction): SourceObserved {
  if (a.type !== "hardlink") return a.sourceObserved;
  const now = probeSourceNow(a.source, ctx.fs);
  const why = compareSource(a.sourceObserved, now);
  if (why) throw new Stale(why);
  if (now.kind !== "file") throw new Stale(`source is not a file: ${a.source}`);
  return now;
}

function linkRecord(ctx: StepContext, a: LinkAction, src: SourceObserved): StateLink {
  if (a.type === "hardlink" && src.kind === "file") {
    return { type: a.type, source: a.source, dev: src.dev, ino: src.ino, madeAt: ctx.nowIso() };
  }
  return { type: a.type, source: a.source, linkText: a.linkText ?? a.source, madeAt: ctx.nowIso() };
}

// Make the link itself at `at` (the target or a temp sibling). EEXIST propagates.
function makeLinkAt(ctx: StepContext, a: LinkAction, src: SourceObserved, at: string): void {
  if (a.type === "hardlink") {
    if (src.kind !== "file") throw new Stale(`source is not a file: ${a.source}`);
    // link(2) does not follow a symlinked source on Linux: link the real file.
    makeLink(ctx.fs, ctx.platform, { type: "hardlink", to: src.realpath, at, target: a.target, sourceKind: src.kind });
    return;
  }
  // A symlink source: Windows makes a file or a directory symlink by what it leads to.
  const sourceKind = src.kind === "symlink" ? (src.to === "dir" ? "dir" : "file") : src.kind;
  makeLink(ctx.fs, ctx.platform, { type: a.type, to: a.linkText ?? a.source, at, target: a.target, sourceKind });
}

// create: nothing is at the target; make the link there directly.
export function createLink(ctx: StepContext, a: LinkAction): StepResult {
  const src = checkSource(ctx, a);
  try {
    makeLinkAt(ctx, a, src, a.target);
  } catch (err) {
    if (errnoCode(err) === "EEXIST") throw new Stale("something appeared at the target");
    throw err;
  }
  ctx.record([{ op: "set-link", target: a.target, link: linkRecord(ctx, a, src) }]);
  return {};
}

// The first name from `name(0)`, `name(1)`, ... that `make` can create (it must fail with
// EEXIST when the name is taken).
function firstFreeName(name: (n: number) => string, make: (p: string) => void): string {
  for (let n = 0; ; n++) {
    const p = name(n);
    try {
      make(p);
      return p;
    } catch (err) {
      if (errnoCode(err) !== "EEXIST") throw err;
    }
  }
}

function makeTemp(ctx: StepContext, a: LinkAction, src: SourceObserved): string {
  return firstFreeName(
    () => tempSibling(a.target, ++tmpCounter),
    (tmp) => {
      // Journal the temp name first, so that recovery can remove it after a crash.
      const intent: JournalEntry =
        a.type === "hardlink" && src.kind === "file"
          ? { op: "tmp", path: tmp, dev: src.dev, ino: src.ino }
          : { op: "tmp", path: tmp, linkText: a.linkText ?? a.source };
      ctx.record([intent]);
      makeLinkAt(ctx, a, src, tmp);
    },
  );
}

function removeQuietly(ctx: StepContext, p: string): void {
  try {
    ctx.fs.unlinkSync(p);
  } catch {
    // already gone
  }
}

// A new name for `target`'s bytes; `make(candidate)` must fail with EEXIST when taken.
function newBackup(target: string, make: (to: string) => void): string {
  return firstFreeName((n) => backupCandidate(target, n), make);
}

function exists(ctx: StepContext, p: string): boolean {
  try {
    ctx.fs.lstatSync(p);
    return true;
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return false;
    throw err;
  }
}

// Keep what is in the way under a backup name. Files get a second hard-link name (no gap, no
// copy); symlinks are recreated with the same text (a symlink's content is its text); a
// directory or special file is renamed aside (the target is missing until the rename below).
function backUp(ctx: StepContext, a: LinkAction): string {
  const t = a.target;
  let bak: string;
  switch (a.observed.kind) {
    case "file":
      bak = newBackup(t, (to) => ctx.fs.linkSync(t, to));
      break;
    case "symlink": {
      const text = a.observed.text;
      bak = newBackup(t, (to) => ctx.fs.symlinkSync(text, to));
      break;
    }
    case "dir":
    case "other":
      bak = newBackup(t, (to) => {
        if (exists(ctx, to)) throw Object.assign(new Error("taken"), { code: "EEXIST" });
        ctx.fs.renameSync(t, to);
      });
      break;
    case "missing":
      throw new Stale("nothing at the target to back up");
  }
  ctx.record([{ op: "add-backup", backup: { target: t, backup: bak, at: ctx.nowIso() } }]);
  return bak;
}

// adopt: the target's bytes become the source's, written in place so every other name of the
// source (hard links elsewhere) sees them.
function adopt(ctx: StepContext, a: LinkAction, src: SourceObserved): void {
  if (a.observed.kind !== "file") throw new Stale("adopt needs a regular file at the target");
  if (src.kind !== "file") throw new Error(`adopt needs a file source: ${a.source}`);
  const bytes = ctx.fs.readFileSync(a.target);
  const fd = ctx.fs.openSync(src.realpath, "r+");
  try {
    ctx.fs.ftruncateSync(fd, 0);
    ctx.fs.writeSync(fd, bytes, 0, bytes.length, 0);
    ctx.fs.fsyncSync(fd);
  } finally {
    ctx.fs.closeSync(fd);
  }
}

// newer, the target won: the source's bytes are about to be overwritten in place (every name of
// its inode sees that), so a second name would not keep them: copy them (mtime kept), fsynced,
// under a temp name, then give the copy the backup name (link: never over anything). The source
// is untouched until the backup is recorded, so a crash at any point leaves both contents.
function backUpSource(ctx: StepContext, a: LinkAction, src: SourceObserved): string {
  if (src.kind !== "file") throw new Stale(`source is not a file: ${a.source}`);
  const tmp = firstFreeName(
    () => tempSibling(a.source, ++tmpCounter),
    (p) => ctx.fs.copyFileSync(src.realpath, p, COPYFILE_EXCL),
  );
  try {
    const fd = ctx.fs.openSync(tmp, "r+");
    try {
      ctx.fs.fsyncSync(fd);
    } finally {
      ctx.fs.closeSync(fd);
    }
    ctx.fs.utimesSync(tmp, new Date(), new Date(src.mtimeMs));
    const st = ctx.fs.lstatSync(tmp);
    ctx.record([{ op: "tmp", path: tmp, dev: st.dev, ino: st.ino }]);
    const bak = newBackup(a.source, (to) => ctx.fs.linkSync(tmp, to));
    ctx.record([{ op: "add-backup", backup: { target: a.source, backup: bak, at: ctx.nowIso(), link: a.target } }]);
    return bak;
  } finally {
    removeQuietly(ctx, tmp);
  }
}

// newer: the newer side's content stays; the other side's is backed up beside where it was.
function keepNewer(ctx: StepContext, a: LinkAction, result: StepResult): void {
  const now = newerNow(ctx.fs, a);
  if ("stale" in now) throw new Stale(now.stale);
  if (now.side === "source") {
    result.backup = backUp(ctx, a);
    result.detail = "source newer: target backed up";
    return;
  }
  result.backup = backUpSource(ctx, a, now.source);
  adopt(ctx, a, now.source);
  result.detail = `target newer: written into ${a.source}`;
}

// repair/replace: make the link at a temp sibling, deal with what is in the way, rename over.
export function replaceLink(ctx: StepContext, a: LinkAction): StepResult {
  const src = checkSource(ctx, a);
  const tmp = makeTemp(ctx, a, src);
  const result: StepResult = {};
  try {
    if (a.kind === "replace") {
      switch (a.resolution) {
        case "backup":
          result.backup = backUp(ctx, a);
          break;
        case "overwrite":
          if (a.observed.kind === "dir") {
            try {
              ctx.fs.rmdirSync(a.target);
            } catch (err) {
              const code = errnoCode(err);
              if (code === "ENOTEMPTY" || code === "EEXIST") throw new Stale("the directory is no longer empty");
              throw err;
            }
          }
          break;
        case "adopt":
          adopt(ctx, a, src);
          result.detail = `adopted into ${a.source}`;
          break;
        case "newer":
          keepNewer(ctx, a, result);
          break;
        case undefined:
          throw new Error("replace action without a resolution");
      }
    } else if (a.observed.kind === "dir") {
      throw new Stale("a directory is in the way");
    }
    ctx.fs.renameSync(tmp, a.target);
    // rename() between two names of one inode does nothing: drop the temp name then.
    if (a.type === "hardlink" && exists(ctx, tmp)) removeQuietly(ctx, tmp);
  } catch (err) {
    removeQuietly(ctx, tmp);
    throw err;
  }
  ctx.record([{ op: "set-link", target: a.target, link: linkRecord(ctx, a, src) }]);
  return result;
}

// Prune one state entry. "forget" touches nothing on disk.
export function removeEntry(ctx: StepContext, a: RemoveAction): StepResult {
  const drop: JournalEntry =
    a.type === "dir" ? { op: "remove-dir", path: a.target } : { op: "delete-link", target: a.target };
  if (a.kind === "forget") {
    ctx.record([drop]);
    return { detail: "left in place, no longer managed" };
  }
  if (a.type === "dir") {
    try {
      ctx.fs.rmdirSync(a.target);
    } catch (err) {
      const code = errnoCode(err);
      if (code === "ENOTEMPTY" || code === "EEXIST") return { detail: "directory is not empty; kept", unchanged: true };
      if (code !== "ENOENT") throw err;
    }
    ctx.record([drop]);
    return {};
  }
  if (a.type === "hardlink") {
    // Never the last name of some data.
    const st = ctx.fs.lstatSync(a.target);
    if (st.nlink <= 1) throw new Stale("it is now the last name of its data; kept");
  }
  ctx.fs.unlinkSync(a.target);
  ctx.record([drop]);
  return {};
}
