// One function per step. Each step acts on a path the driver has just re-checked, records
// what it completed (journal + state) as soon as it completes, and throws Stale when the
// disk moved under it. Nothing here deletes bytes that are not kept somewhere else, except
// `overwrite`, which the user asked for.

import { InternalError } from "../diagnostic.js";
import type { FsWrite } from "../platform/fs.js";
import { COPYFILE_EXCL, errnoCode } from "../platform/fs.js";
import { makeLink } from "../platform/links.js";
import { path } from "../platform/paths.js";
import type { Platform } from "../platform/platform.js";
import type { LinkAction, RemoveAction } from "../plan/types.js";
import type { SourceObserved } from "../observe/types.js";
import { withName, type StateBackup, type StateLink } from "../state/types.js";
import type { JournalEntry } from "../state/replay.js";
import { autoFailed, autoFallback, fellBack } from "./auto-fallback.js";
import { newerNow } from "./newer.js";
import { compareSource } from "./compare-observed.js";
import { probeNow, probeSourceNow } from "../observe/probe.js";
import { isProbed } from "../observe/listed-source.js";

/** The disk no longer matches the plan: skip the action, report it, exit 1. */
export class Stale extends Error {}

export interface StepContext {
  fs: FsWrite;
  /** Journal these deltas (fsynced) and apply them to the new state. */
  record(entries: JournalEntry[]): void;
  /** How links are made on the OS being applied to (symlink type, error messages). */
  platform: Platform;
  nowIso(): string;
  /** The backups state records for a target (one may already hold what is in the way). */
  backupsOf(target: string): readonly StateBackup[];
}

export interface StepResult {
  detail?: string;
  backup?: string;
  /** Nothing was done (and nothing needed recording), e.g. a created directory not yet empty. */
  unchanged?: boolean;
  /** A file this step rewrote in place (adopt): its identity, and its size and mtime after. */
  rewrote?: Rewrite;
}

export interface Rewrite {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
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
  // A source the walk listed (no inode: a symlink whose text decided) is served as observed.
  if (a.type !== "hardlink") return a.sourceObserved;
  const now = probeSourceNow(a.source, ctx.fs);
  const why = compareSource(a.sourceObserved, now);
  if (why) throw new Stale(why);
  if (now.kind !== "file") throw new Stale(`source is not a file: ${a.source}`);
  return now;
}

function linkRecord(ctx: StepContext, a: LinkAction, src: SourceObserved): StateLink {
  return withName(linkRecordOf(ctx, a, src), a.name);
}

function linkRecordOf(ctx: StepContext, a: LinkAction, src: SourceObserved): StateLink {
  if (a.type === "hardlink" && src.kind === "file" && isProbed(src)) {
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

/** The link as made: `type: auto` may have fallen back to a junction or a hard link. */
interface Made {
  action: LinkAction;
  src: SourceObserved;
  detail?: string;
}

// makeLinkAt, and for `type: auto` the fallback when Windows refused the symlink or did not
// really make it. `intend` runs before the fallback is made (the temp sibling's journal line).
function makeLinkOrFallback(ctx: StepContext, a: LinkAction, src: SourceObserved, at: string, intend?: (m: Made) => void): Made {
  try {
    makeLinkAt(ctx, a, src, at);
    return { action: a, src };
  } catch (err) {
    const fb = autoFallback(a, err, ctx.platform);
    if (!fb) throw err;
    const made: Made = { action: fb, src: checkSource(ctx, fb), detail: fellBack(err, fb) };
    intend?.(made);
    try {
      makeLinkAt(ctx, fb, made.src, at);
    } catch (second) {
      if (errnoCode(second) === "EEXIST") throw second;
      throw autoFailed(a, err, fb, second);
    }
    return made;
  }
}

// create: nothing is at the target; make the link there directly.
export function createLink(ctx: StepContext, a: LinkAction): StepResult {
  let made: Made;
  try {
    made = makeLinkOrFallback(ctx, a, checkSource(ctx, a), a.target);
  } catch (err) {
    if (errnoCode(err) === "EEXIST") throw new Stale("something appeared at the target");
    throw err;
  }
  ctx.record([{ op: "set-link", target: a.target, link: linkRecord(ctx, made.action, made.src) }]);
  return made.detail ? { detail: made.detail } : {};
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

// Journal the temp name first, so that recovery can remove it after a crash.
function tempIntent(a: LinkAction, src: SourceObserved, tmp: string): JournalEntry {
  return a.type === "hardlink" && src.kind === "file" && isProbed(src)
    ? { op: "tmp", path: tmp, dev: src.dev, ino: src.ino }
    : { op: "tmp", path: tmp, linkText: a.linkText ?? a.source };
}

function makeTemp(ctx: StepContext, a: LinkAction, src: SourceObserved): Made & { tmp: string } {
  let made: Made = { action: a, src };
  const tmp = firstFreeName(
    () => tempSibling(a.target, ++tmpCounter),
    (tmp) => {
      ctx.record([tempIntent(a, src, tmp)]);
      made = makeLinkOrFallback(ctx, a, src, tmp, (m) => ctx.record([tempIntent(m.action, m.src, tmp)]));
    },
  );
  return { ...made, tmp };
}

function removeQuietly(ctx: StepContext, p: string): void {
  try {
    ctx.fs.unlinkSync(p);
  } catch {
    // already gone
  }
}

// A new name for `target`'s bytes; `make(candidate)` must fail with EEXIST when taken. Each
// candidate is journaled before it is tried, with the identity it will hold (`id`), so that a
// kill before the add-backup line still leaves the backup recorded (intents.ts).
// `link`: for a source's backup (newer, the target won), the link whose content won.
function newBackup(ctx: StepContext, target: string, id: BackupId, make: (to: string) => void, link?: string): string {
  const at = ctx.nowIso();
  return firstFreeName(
    (n) => backupCandidate(target, n),
    (to) => {
      ctx.record([{ op: "backup", backup: { target, backup: to, at, ...(link !== undefined ? { link } : {}) }, ...id }]);
      make(to);
    },
  );
}

type BackupId = { linkText: string } | { dev: number; ino: number };

// A backup state records for `target` that already holds exactly what is in the way (an
// earlier run was killed after making it): it serves again, instead of a second name.
function recordedBackup(ctx: StepContext, target: string, id: BackupId): string | undefined {
  for (const b of ctx.backupsOf(target)) {
    const o = probeNow(b.backup, ctx.fs);
    if ("linkText" in id ? o.kind === "symlink" && o.text === id.linkText : o.kind === "file" && o.dev === id.dev && o.ino === id.ino) {
      return b.backup;
    }
  }
  return undefined;
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
  const o = a.observed;
  if (o.kind === "missing") throw new Stale("nothing at the target to back up");
  if (o.kind === "file" || o.kind === "symlink") {
    const id: BackupId = o.kind === "file" ? { dev: o.dev, ino: o.ino } : { linkText: o.text };
    const kept = recordedBackup(ctx, t, id);
    if (kept !== undefined) return kept;
    const bak =
      o.kind === "file"
        ? newBackup(ctx, t, id, (to) => ctx.fs.linkSync(t, to))
        : newBackup(ctx, t, id, (to) => ctx.fs.symlinkSync(o.text, to));
    return recordBackup(ctx, t, bak);
  }
  const st = ctx.fs.lstatSync(t);
  const bak = newBackup(ctx, t, { dev: st.dev, ino: st.ino }, (to) => {
    if (exists(ctx, to)) throw Object.assign(new Error("taken"), { code: "EEXIST" });
    ctx.fs.renameSync(t, to);
  });
  return recordBackup(ctx, t, bak);
}

function recordBackup(ctx: StepContext, target: string, bak: string): string {
  ctx.record([{ op: "add-backup", backup: { target, backup: bak, at: ctx.nowIso() } }]);
  return bak;
}

// adopt: the target's bytes become the source's, written in place so every other name of the
// source (hard links elsewhere) sees them. Returns the source's new size and mtime: other
// actions of the plan that observed a name of that file expect them (see apply).
function adopt(ctx: StepContext, a: LinkAction, src: SourceObserved): Rewrite {
  if (a.observed.kind !== "file") throw new Stale("adopt needs a regular file at the target");
  if (src.kind !== "file") throw new InternalError(`adopt needs a file source: ${a.source}`); // compareSource made it stale first
  const bytes = ctx.fs.readFileSync(a.target);
  const fd = ctx.fs.openSync(src.realpath, "r+");
  try {
    ctx.fs.ftruncateSync(fd, 0);
    ctx.fs.writeSync(fd, bytes, 0, bytes.length, 0);
    ctx.fs.fsyncSync(fd);
    const st = ctx.fs.fstatSync(fd);
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } finally {
    ctx.fs.closeSync(fd);
  }
}

// newer, the target won: the source's bytes are about to be overwritten in place (every name of
// its inode sees that), so a second name would not keep them: copy them (mtime kept), fsynced,
// under a temp name, then give the copy the backup name (link: never over anything). The source
// is untouched until the backup is recorded, so a crash at any point leaves both contents.
function backUpSource(ctx: StepContext, a: LinkAction, src: SourceObserved): string {
  if (src.kind !== "file" || !isProbed(src)) throw new Stale(`source is not a file: ${a.source}`);
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
    const bak = newBackup(ctx, a.source, { dev: st.dev, ino: st.ino }, (to) => ctx.fs.linkSync(tmp, to), a.target);
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
  const made = makeTemp(ctx, a, checkSource(ctx, a));
  const { tmp, src } = made;
  const result: StepResult = made.detail ? { detail: made.detail } : {};
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
          result.rewrote = adopt(ctx, a, src);
          result.detail = `adopted into ${a.source}`;
          break;
        case "newer":
          keepNewer(ctx, a, result);
          break;
        case undefined:
          throw new InternalError("replace action without a resolution");
      }
    } else if (a.observed.kind === "dir") {
      throw new Stale("a directory is in the way");
    }
    ctx.fs.renameSync(tmp, a.target);
    // rename() between two names of one inode does nothing: drop the temp name then.
    if (made.action.type === "hardlink" && exists(ctx, tmp)) removeQuietly(ctx, tmp);
  } catch (err) {
    removeQuietly(ctx, tmp);
    throw err;
  }
  ctx.record([{ op: "set-link", target: a.target, link: linkRecord(ctx, made.action, src) }]);
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
