// Two shapes of the manifest: RawManifest is what the file says (schema-shaped, relative,
// unexpanded); Manifest is what the planner consumes (absolute paths, every option filled in).

import type { LinkType } from "../platform/types.js";

// Facts about the machine and link kinds live in platform/ (it imports nothing from here).
export type { HostFacts, LinkType, SymlinkRights } from "../platform/types.js";

export type ConflictPolicy = "fail" | "backup" | "overwrite" | "adopt" | "newer";

export const LINK_TYPES: readonly LinkType[] = ["symlink", "hardlink", "junction"];
/** What a manifest may ask for: a link type, or `auto` (a symlink where the platform allows it, else a junction or hard link). */
export type RequestedType = LinkType | "auto";
export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ["fail", "backup", "overwrite", "adopt", "newer"];

export interface RawWhen {
  os?: string | string[];
  host?: string | string[];
  env?: string | string[] | Record<string, string>;
}

export interface RawLinkOptions {
  type?: RequestedType;
  relative?: boolean;
  mkdirs?: boolean;
  conflict?: ConflictPolicy;
  /** false: the source is a literal path, never expanded as a glob. Default true. */
  glob?: boolean;
}

export interface RawLink extends RawLinkOptions {
  source: string;
  target: string;
  /** For selectors (`linkfarm apply NAME`); default: see defaultEntryName. */
  name?: string;
  tree?: boolean;
  optional?: boolean;
  when?: RawWhen;
}

export interface RawManifest {
  $schema?: string;
  version: number;
  source?: string;
  target?: string;
  defaults?: RawLinkOptions;
  ignore?: string[];
  prune?: boolean;
  hooks?: { before?: RawHook[]; after?: RawHook[] };
  /** null: `links:` with nothing after it (no links yet). */
  links?: RawLink[] | Record<string, string> | null;
}

/** A hook as written: a command, or a command with the directory it runs in (relative to the manifest's). */
export type RawHook = string | { run: string; cwd?: string };

/** A hook resolved: a command (runs in the manifest's directory), or one with an absolute `cwd`. */
export type Hook = string | { run: string; cwd: string };

/** Where something is declared, for FILE:LINE:COL messages. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** A `when` clause, normalised: every field optional, lists everywhere. */
export interface When {
  /** process.platform values; any matches. */
  os?: string[];
  /** Globs on the host name; any matches. */
  host?: string[];
  /** Variable name → glob on its value ("*" for "set and non-empty"); all must match. */
  env?: Record<string, string>;
}

export interface LinkEntry {
  /** Position of the entry in `links` (0-based), stable across runs of the same manifest. */
  index: number;
  /**
   * What selects it on the command line (`linkfarm apply vim`): `name:`, else defaultEntryName.
   * Always set by the loader; optional for entries built by hand (entryName fills it in).
   */
  name?: string;
  /** Absolute, variables expanded. For a glob entry this still holds the glob characters. */
  source: string;
  /** True when `source` is expanded as a glob: `glob` is not false and it has glob syntax (isGlobSource). */
  sourceIsGlob: boolean;
  /** Absolute, variables expanded, without a trailing separator. */
  target: string;
  /** The target was written with a trailing `/`: sources go *into* it under their own names. */
  targetIsDir: boolean;
  type: RequestedType;
  relative: boolean;
  mkdirs: boolean;
  conflict: ConflictPolicy;
  tree: boolean;
  optional: boolean;
  when?: When;
  /** The entry itself (the `- ` item, or the map key in the map form). */
  pos: SourcePos;
  /** The `source:` and `target:` values, for messages about one of them. */
  sourcePos: SourcePos;
  targetPos: SourcePos;
}

export interface Manifest {
  /** Absolute path of the manifest file. */
  file: string;
  /** Directory of the manifest file: hooks run here. */
  dir: string;
  /** sha256 (hex) of the manifest file's bytes: saved plans are refused when it changes. */
  hash: string;
  version: 1;
  /** Absolute root of relative sources. */
  sourceRoot: string;
  /** Absolute root of relative targets. */
  targetRoot: string;
  ignore: string[];
  prune: boolean;
  hooks: { before: Hook[]; after: Hook[] };
  links: LinkEntry[];
}
