// The one-line human reason for each reason code, the same in text, JSON and markdown output.
// Display only: nothing decides anything from these strings.

import type { GlobNoMatch } from "../observe/types.js";
import type { Resolution, ReasonCode } from "./types.js";
import { assertNever } from "../assert.js";

/** The facts a reason may mention. Each code reads only the ones it names. */
export interface ReasonFacts {
  /** The link's source (source-missing, hardlink-to-dir...). */
  source?: string;
  /** A symlink's current text (dangling, wrong-target, foreign-symlink). */
  text?: string;
  /** The desired link text (wrong-target). */
  wanted?: string;
  /** A path the reason is about (parent-not-directory, parent-missing, target-is-source...). */
  path?: string;
  /** Mount points (cross-device). */
  mounts?: { source: string; target: string };
  /** What kind of special file is in the way. */
  what?: string;
  /** What the blocking parent is (parent-not-directory). */
  blocked?: "file" | "dangling-symlink" | "symlink-loop" | "not-a-directory";
  /** Why a glob matched nothing (glob-no-match). */
  noMatch?: GlobNoMatch;
  /** Each kind `type: auto` tried and why it could not be used (auto-impossible). */
  tried?: string;
}

// One line, no trailing period.
export function reasonText(code: ReasonCode, f: ReasonFacts = {}): string {
  switch (code) {
    case "in-place":
      return "in place";
    // The directories mkdirs makes are counted once, in the summary, not on every line.
    case "missing":
      return "nothing at target";
    case "dangling":
      return `dangling: points to ${f.text}`;
    case "wrong-target":
      return `points to ${f.text}, wanted ${f.wanted}`;
    case "symlink-to-hardlink":
      return "a symlink where a hard link is wanted";
    case "hardlink-to-symlink":
      return "a hard link where a symlink is wanted";
    case "editor-replaced-same-content":
      return "hard link replaced by a copy (editor saved by rename), content still equals the source";
    case "source-replaced-same-content":
      return "the source was replaced, content still equal";
    case "identical-file":
      return "identical regular file";
    case "different-content":
      return "file with other content";
    case "directory":
      return "directory in the way";
    case "nonempty-directory":
      return "non-empty directory in the way";
    case "foreign-symlink":
      return `foreign symlink: points to ${f.text}`;
    case "foreign-dangling-symlink":
      return `dangling symlink not made by linkfarm: points to ${f.text}`;
    case "diverged":
      return "diverged: editor replaced the file, contents differ";
    case "source-replaced-diverged":
      return "diverged: the source was replaced, contents differ";
    case "special-file":
      return `special file in the way (${f.what ?? "unknown"})`;
    case "not-declared":
      return "no longer declared";
    case "created-dir-empty":
      return "directory linkfarm created, now empty";
    case "unlinked":
      return "unlinked on request";
    case "last-name":
      return "last name of its data (the source is gone); kept the file";
    case "last-name-source-replaced":
      return "last name of its data (the source path now holds another file); kept the file";
    case "changed-since-made":
      return "changed since linkfarm made it; left in place";
    case "already-gone":
      return "already gone";
    case "source-missing":
      return `source missing: ${f.source}`;
    case "source-not-file-or-dir":
      return `source is not a file or directory: ${f.source}`;
    case "hardlink-to-dir":
      return `a hard link cannot point to a directory: ${f.source}`;
    case "junction-to-file":
      return `a junction must point to a directory: ${f.source}`;
    case "cross-device":
      return `cross-device: ${f.mounts?.source} and ${f.mounts?.target}`;
    case "target-is-source":
      return `target resolves onto its own source: ${f.path}`;
    case "into-source-tree":
      return `target resolves into the source tree through a symlinked parent: ${f.path}`;
    case "parent-not-directory":
      switch (f.blocked) {
        case "dangling-symlink":
          return `parent is a dangling symlink: ${f.path}`;
        case "symlink-loop":
          return `parent is a symlink loop (ELOOP): ${f.path}`;
        case "not-a-directory":
          return `parent is not a directory: ${f.path}`;
        default:
          return `parent is a file: ${f.path}`;
      }
    case "parent-missing":
      return `parent directory missing: ${f.path} (mkdirs: false)`;
    case "adopt-impossible":
      return "adopt needs a regular file; use backup";
    case "newer-impossible":
      return "newer needs two regular files; use backup";
    case "neither-newer":
      return "contents differ and neither side is newer (same modification time); use backup or adopt";
    case "hardlink-to-symlink-source":
      return `a hard link cannot point to a symlink source (use type: symlink): ${f.source} -> ${f.text}`;
    case "glob-no-match":
      return `glob matches nothing: ${f.source}${noMatchWhy(f.noMatch)}`;
    case "auto-impossible":
      return `type auto: no kind of link can be made here: ${f.tried}`;
    default:
      return assertNever(code);
  }
}

// Why a glob matched nothing, as a "; ..." tail ("" when it cannot be told).
function noMatchWhy(n: GlobNoMatch | undefined): string {
  if (n?.why === undefined) return "";
  switch (n.why) {
    case "literal-exists":
      return `; a file named exactly ${n.path} exists: set \`glob: false\``;
    case "no-directory":
      return `; the directory ${n.path} does not exist`;
    case "dotfiles-only":
      return `; \`*\` does not match names that start with "." (${n.path})`;
    case "all-ignored":
      return `; every match is excluded by \`ignore:\` (${n.path})`;
    default:
      return assertNever(n.why);
  }
}

/** The overwrite refusal for a non-empty directory (it stays a conflict). */
export const OVERWRITE_NONEMPTY =
  "directory is not empty; overwrite never deletes a non-empty directory, use backup";

// A conflict's reason, extended with how the policy resolves it (`detail`: which side is newer).
export function withResolution(reason: string, resolution: Resolution, detail?: string): string {
  switch (resolution) {
    case "backup":
      return `${reason}; will back up`;
    case "overwrite":
      return `${reason}; will overwrite`;
    case "adopt":
      return `${reason}; will adopt into the source`;
    case "newer":
      return `${reason}; ${detail ?? "the newer side wins"}`;
    default:
      return assertNever(resolution);
  }
}
