// What expand (pure) takes and gives: the listing of each entry's sources (walked by the
// observer) and the links the manifest wants on this machine. Plain data.

import type { ConflictPolicy, LinkType, RequestedType } from "../manifest/types.js";

/** The source listing for one manifest entry (tree walk, glob matches, or the one path). */
export interface SourceListing {
  entry: number;
  /** Kind of the entry's source path (for a glob: "glob"). */
  kind: "file" | "dir" | "missing" | "other" | "symlink" | "glob";
  /** For tree and glob entries: matching files, relative to the walk root (posix `/`). */
  files?: string[];
  /** For a glob: the directory the glob is relative to (the static part, absolute). */
  base?: string;
  /** For a glob that matched nothing: why, when it can be told. */
  noMatch?: GlobNoMatch;
}

/** Why a glob matched nothing, when the walk can tell. */
export interface GlobNoMatch {
  /**
   * literal-exists: a file named exactly like the pattern exists (`glob: false` links it).
   * no-directory: the pattern's static directory does not exist. dotfiles-only: only names
   * starting with `.` would match (`*` does not match them). all-ignored: `ignore:` dropped
   * every match.
   */
  why?: "literal-exists" | "no-directory" | "dotfiles-only" | "all-ignored";
  /** The path `why` is about: the literal file, the missing directory, a dotfile that would match. */
  path?: string;
}

/** A single link the manifest wants on this machine, after tree/glob/when expansion. */
export interface DesiredLink {
  /** Absolute path of the link to make. */
  target: string;
  /** Absolute path of what it links to. */
  source: string;
  /** `auto` is resolved to a concrete type by the planner (plan/auto.ts). */
  type: RequestedType;
  relative: boolean;
  mkdirs: boolean;
  conflict: ConflictPolicy;
  /** Index of the manifest entry this came from. */
  entry: number;
  /**
   * Relative symlinks below the target root: the root (absolute, lexical). Their text goes up
   * to it and down to the source, as GNU Stow writes it (link-text.ts).
   */
  base?: string;
  /** Set when this link stands for a glob source that matched nothing (an error, not "missing"). */
  noMatch?: GlobNoMatch;
}

/** A desired link whose type is decided (auto resolved): what classify takes. */
export type ConcreteLink = DesiredLink & { type: LinkType };
