// The verdict cache (issue #16, budget 2), read side: "every declared link is in place" without
// walking sources, probing targets, expanding or planning. Only an in-sync apply over the whole
// manifest writes it (apply/verdict-cache-write.ts); plan, apply and status only read it here.
//
// Why a verdict may be trusted: the in-sync apply recorded what its observation looked at (a
// recording FsRead, verdict-stamps.ts) and stamped, with lstat, every directory those paths lie
// in and every ancestor up to `/` (a symlink component as itself, and then its real path's
// chain): device, inode, ctime in ns. No entry can be added, removed, renamed or replaced in a
// directory without moving its ctime (userspace cannot set a ctime back), a symlink's text
// cannot change without replacing it, and a stamped path that now resolves elsewhere shows
// another device or inode. So while every stamp is unchanged, every system call of that
// observation would answer what it answered then, and the plan would again be all `ok`.
// Stamps whose ctime was within RACY_NS of the observation's start were never written (racy
// window), so a change made during or after it always shows a different ctime.

import type { ConflictPolicy, HostFacts, Manifest } from "../manifest/types.js";
import { whenHolds } from "../manifest/when.js";
import { errnoCode, type FsRead } from "../platform/fs.js";
import { journalPath } from "../state/replay.js";
import { sha256Hex } from "../platform/sha256.js";

export const CACHE_VERSION = 1;
/** A stamp whose ctime is this close to (or after) the observation's start is not trusted. */
export const RACY_NS = 100_000_000n;
/** What a stamp holds for a path that did not exist. */
export const ABSENT = "-";

/** [path, dev, ino, ctimeNs] as lstat (bigint) saw them; ABSENT thrice for a missing path. */
export type Stamp = [path: string, dev: string, ino: string, ctimeNs: string];

export interface VerdictCacheFile {
  version: typeof CACHE_VERSION;
  /** verdictKey(): linkfarm version, resolved manifest, options, platform facts (the state: `state`). */
  key: string;
  /**
   * verdictTextKey(): the same with the manifest's path, bytes and the environment variables
   * it names in place of the resolved manifest; lets `plan` skip parsing it. Absent when the
   * manifest's text cannot vouch for what it resolves to (see there).
   */
  textKey?: string;
  stamps: Stamp[];
  /** How many links are in place (the verdict: all of them `ok`). */
  links: number;
  /**
   * Every link is a symlink or junction to a source that is a file or directory (not a symlink,
   * whose own target no stamp covers): status may then call each state link ok.
   */
  plainSymlinks: boolean;
  /** Wall clock (ns, decimal) when the observation behind it began. */
  written: string;
  /**
   * The state file the verdict holds for: its bytes' digest ("no state": none), and its stamp
   * when that was older than the racy window then (an unchanged stamp then stands for unchanged
   * bytes, as a directory's does for its entries; without it the bytes are hashed).
   */
  state: { digest: string; stamp?: Stamp };
  /** Device (decimal st_dev) → why its directory ctimes are trusted (file system type, probe). */
  devices: Record<string, string>;
}

/** Whether the cache gave the answer (status --json), and when not, why. */
export interface CacheUse {
  used: boolean;
  why?: string;
}

/** Wall clock in ns (Date.now() floors: earlier than the truth, so the racy window only widens). */
export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** Where the cache lives: next to the state file. */
export function cacheFileOf(stateFile: string): string {
  return `${stateFile}.cache`;
}

export interface KeyFacts {
  version: string;
  manifest: Manifest;
  host: HostFacts;
  /** The symlink rights the planner is given (platform/host.ts symlinkRights). */
  symlinks: string;
  conflict?: ConflictPolicy | undefined;
  /** Who looks (uid, gids): what one user may read, another may not. */
  user: string;
}

/** What the cache records of the state file's bytes (undefined: there is none). */
export function stateDigest(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? "no state" : sha256Hex(bytes);
}

// Everything the plan depends on besides the disk: the RESOLVED manifest (variables expanded;
// its text hash left out, so a comment does not count), which entries `when` keeps on this
// host, the planner's platform facts and options. The state is checked apart (sameState).
export function verdictKey(k: KeyFacts): string {
  const { hash: _text, ...resolved } = k.manifest;
  const when = k.manifest.links.map((e) => (whenHolds(e.when, k.host) ? "1" : "0")).join("");
  const head = JSON.stringify([CACHE_VERSION, k.version, k.host.os, k.host.home, k.symlinks, k.conflict ?? null, when, k.user]);
  return sha256Hex(`${head}\0${JSON.stringify(resolved)}`);
}

export interface TextKeyFacts extends Omit<KeyFacts, "manifest"> {
  /** The manifest file (absolute), its text, and the sha256 of its bytes (the manifest's hash). */
  file: string;
  text: string;
  hash: string;
}

// The names of environment variables `text` may read: every variable set now whose name occurs
// in it as a whole word. A variable the manifest uses (`$X`, `${X}`, `when: {env: X}`) is named
// in its text verbatim unless written with a backslash escape, which verdictTextKey refuses; one
// that is unset now but set later then occurs too, and changes the key.
function namedVariables(text: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const word = /[A-Za-z0-9_]/;
  const named = (name: string): boolean => {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (!word.test(text[at - 1] ?? " ") && !word.test(text[at + name.length] ?? " ")) return true;
    }
    return false;
  };
  return Object.keys(env).filter((n) => n !== "" && env[n] !== undefined && named(n)).sort();
}

/**
 * verdictKey with the manifest as text: its path and bytes, and the value of every variable
 * its text names, stand for what it resolves to (on the same host facts). Undefined when the
 * text cannot vouch for that: a backslash (an escape may spell a variable's name), or a
 * platform whose variable names ignore case.
 */
export function verdictTextKey(k: TextKeyFacts): string | undefined {
  if (k.text.includes("\\") || k.host.os === "win32") return undefined;
  const vars = namedVariables(k.text, k.host.env).map((n) => [n, k.host.env[n]]);
  // The bytes enter by their hash, already worked out as the manifest's: not hashed twice.
  return sha256Hex(JSON.stringify(["text", CACHE_VERSION, k.version, k.host.os, k.host.hostname, k.host.home, k.symlinks, k.conflict ?? null, k.user, k.file, k.hash, vars]));
}

/** lstat of `p` as a stamp (never follows the last component). */
export function stampOf(fs: FsRead, p: string): Stamp {
  return stampFrom(p, fs.lstatSync(p, { bigint: true, throwIfNoEntry: false }));
}

/** The stamp of `p` from its bigint lstat (undefined: nothing there). */
export function stampFrom(p: string, st: { dev: bigint; ino: bigint; ctimeNs: bigint } | undefined): Stamp {
  return st ? [p, String(st.dev), String(st.ino), String(st.ctimeNs)] : [p, ABSENT, ABSENT, ABSENT];
}

// Is `s` still what lstat says? Read with plain (not bigint) lstat, several times cheaper: dev
// and ino compare as doubles (a 64-bit number rounds the same way from the kernel and from its
// decimal text), the ctime to within 1 µs. That is exact enough: every stamp is older than
// RACY_NS before its observation began (writer), so any later change moved it by ~100 ms.
function sameStamp(fs: FsRead, s: Stamp): boolean {
  let st;
  try {
    st = fs.lstatSync(s[0], { throwIfNoEntry: false });
  } catch {
    return false; // ENOTDIR, EACCES…: not what was stamped
  }
  if (!st) return s[1] === ABSENT;
  if (s[1] === ABSENT || st.dev !== Number(s[1]) || st.ino !== Number(s[2])) return false;
  return Math.abs(st.ctimeMs - Number(s[3]) / 1e6) < 0.001;
}

/** Reads the state file's bytes (undefined when there is none). Other errors are thrown. */
export function readStateBytes(fs: FsRead, stateFile: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(stateFile);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw err;
  }
}

// The state file as the verdict recorded it: its stamp unchanged, else the same bytes.
function sameState(fs: FsRead, stateFile: string, recorded: VerdictCacheFile["state"]): boolean {
  if (recorded.stamp && recorded.stamp[0] === stateFile && sameStamp(fs, recorded.stamp)) return true;
  try {
    return stateDigest(readStateBytes(fs, stateFile)) === recorded.digest;
  } catch {
    return false; // unreadable: the normal path will say why
  }
}

function parseCache(text: string): VerdictCacheFile | undefined {
  const c = JSON.parse(text) as Partial<VerdictCacheFile> | null;
  if (!c || c.version !== CACHE_VERSION || typeof c.key !== "string" || !Array.isArray(c.stamps)) return undefined;
  if (typeof c.links !== "number" || typeof c.state?.digest !== "string") return undefined;
  return c as VerdictCacheFile;
}

export type Verdict = Pick<VerdictCacheFile, "links" | "plainSymlinks"> | { why: string };

/**
 * The verdict for the key `keyOf` works out: every stamp of the cache written for that key is unchanged and no
 * crashed apply left a journal → all `links` links are in place. Otherwise why not.
 */
export function checkVerdict(fs: FsRead, stateFile: string, keyOf: () => { key: string } | { textKey: string } | { why: string }): Verdict {
  let cache: VerdictCacheFile | undefined;
  try {
    cache = parseCache(fs.readFileSync(cacheFileOf(stateFile), "utf8"));
  } catch (err) {
    return { why: errnoCode(err) === "ENOENT" ? "no cache yet" : "cache unreadable" };
  }
  if (!cache) return { why: "cache malformed" };
  const key = keyOf(); // worked out only when there is a cache to compare it with
  if ("why" in key) return key;
  const same = "key" in key ? cache.key === key.key : cache.textKey === key.textKey;
  if (!same) return { why: "manifest, state, options or linkfarm changed" };
  if (!sameState(fs, stateFile, cache.state)) return { why: "the state file changed" };
  if (fs.existsSync(journalPath(stateFile))) return { why: "a crashed apply left a journal" };
  for (const s of cache.stamps) if (!sameStamp(fs, s)) return { why: `changed: ${s[0]}` };
  return { links: cache.links, plainSymlinks: cache.plainSymlinks === true };
}
