// What an importer produces: a manifest to print (with comments for the reader) and the notes
// about everything that changed meaning or could not be carried over.

import type { ConflictPolicy, LinkType, RawHook, RawWhen } from "../manifest/types.js";

export interface OutLink {
  source: string;
  target: string;
  tree?: boolean;
  /** false: the source is a literal name even with glob characters in it. */
  glob?: boolean;
  type?: LinkType;
  relative?: boolean;
  mkdirs?: boolean;
  conflict?: ConflictPolicy;
  optional?: boolean;
  when?: RawWhen;
  /** Comment lines printed above the entry (without the leading "# "). */
  comments?: string[];
}

export interface OutDefaults {
  type: LinkType;
  relative: boolean;
  mkdirs: boolean;
  conflict: ConflictPolicy;
}

export interface OutManifest {
  /** Comment lines under the schema line (without the leading "# "). */
  header: string[];
  /** Root of relative sources, as written (relative to the manifest's directory, or absolute). */
  source: string;
  /** Root of relative targets, as written ("~" for HOME). */
  target: string;
  defaults: OutDefaults;
  ignore: string[];
  ignoreComments?: string[];
  prune: boolean;
  pruneComments?: string[];
  /** A command, or `{ run, cwd }` with `cwd` relative to the manifest's directory. */
  hooks: { before: RawHook[]; after: RawHook[] };
  hooksComments?: string[];
  links: OutLink[];
}

/**
 * dropped: not in the output at all (the exit code says so);
 * changed: in the output, but it behaves differently from the original tool;
 * info: worth knowing, nothing lost.
 */
export type NoteLevel = "dropped" | "changed" | "info";

export interface ImportNote {
  level: NoteLevel;
  message: string;
  /** Where in the imported file (1-based), when known. */
  file?: string;
  line?: number;
  col?: number;
}

export type ImportResult =
  | { ok: true; manifest: OutManifest; notes: ImportNote[] }
  /** Nothing usable: only notes (at least one dropped/fatal). */
  | { ok: false; notes: ImportNote[] };
