// The verdict cache beside the pipeline (observe/verdict-cache.ts says why it is exact): the
// key of this run, the cached verdict for it, and the recording an in-sync apply needs to
// write one. The planner itself never sees the cache.

import type { ConflictPolicy, HostFacts, Manifest } from "../manifest/types.js";
import { checkVerdict, verdictKey, verdictTextKey, type Verdict } from "../observe/verdict-cache.js";
import { ACTION_KINDS, type Plan, type Summary } from "../plan/types.js";
import type { FsRead } from "../platform/fs.js";
import { symlinkRights } from "../platform/host.js";
import { VERSION } from "../version.js";

export interface VerdictFacts {
  fs: FsRead;
  stateFile: string;
  manifest: Manifest;
  host: HostFacts;
  conflict?: ConflictPolicy | undefined;
}

/** Who looks (uid, gids): what one user may read, another may not. */
function user(): string {
  return `${process.getuid?.() ?? ""}:${process.getgroups?.().join(",") ?? ""}`;
}

/** The key of a run over `f.manifest` (the state file is checked apart: checkVerdict). */
export function currentKey(f: VerdictFacts): string {
  return verdictKey({
    version: VERSION,
    manifest: f.manifest,
    host: f.host,
    symlinks: symlinkRights(f.host),
    conflict: f.conflict,
    user: user(),
  });
}

export interface TextFacts extends Omit<VerdictFacts, "manifest"> {
  /** The manifest file, its text (YAML or JSON, as read) and its hash (of the bytes). */
  file: string;
  text: string;
  hash: string;
}

/** The text key of a run (observe/verdict-cache.ts verdictTextKey); undefined: none can be had. */
export function currentTextKey(f: TextFacts): string | undefined {
  return verdictTextKey({
    version: VERSION,
    file: f.file,
    text: f.text,
    hash: f.hash,
    host: f.host,
    symlinks: symlinkRights(f.host),
    conflict: f.conflict,
    user: user(),
  });
}

/** cachedVerdict by the manifest's text, before (instead of) parsing it. */
export function cachedTextVerdict(f: TextFacts): Verdict {
  return checkVerdict(f.fs, f.stateFile, () => {
    const textKey = currentTextKey(f);
    return textKey !== undefined ? { textKey } : { why: "the manifest's text cannot stand for what it resolves to" };
  });
}

export const CACHE_OFF = "turned off (--no-cache or LINKFARM_NO_CACHE)";

/**
 * "All N links are in place", or why the cache cannot say so (the caller then takes the
 * normal path). `enabled`: false with --no-cache or LINKFARM_NO_CACHE=1 (nothing is read).
 */
export function cachedVerdict(f: VerdictFacts, enabled: boolean): Verdict {
  if (!enabled) return { why: CACHE_OFF };
  return checkVerdict(f.fs, f.stateFile, () => ({ key: currentKey(f) }));
}

/**
 * The plan the verdict stands for, as far as a summary goes: `links` actions, all `ok`. It
 * holds no actions, so only outputs that print nothing per link (text and markdown without
 * -v, --out or --json) may be made from it; the others take the normal path.
 */
export function verdictPlan(manifest: Pick<Manifest, "file" | "hash">, links: number): Plan {
  const summary = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Summary;
  summary.ok = links;
  return { formatVersion: 1, manifest: { file: manifest.file, hash: manifest.hash }, actions: [], summary };
}
