// The platform adapter: everything linkfarm does differently per OS, as one value built from an
// OS name. Windows behaviour is exercised on any machine by building platformFor("win32").

import type { LinkType } from "./types.js";
import { HOST_OS } from "./os.js";
import { pathsFor, type Paths } from "./paths.js";

/** fs.symlink's type argument (only Windows reads it). */
export type SymlinkType = "file" | "dir" | "junction";

export interface Platform extends Paths {
  /** process.platform value this adapter is for. */
  os: string;
  /**
   * True when a stored link text means the desired text. win32: after dropping `\\?\`,
   * treating `/` as `\` and folding case (fs.symlink stores absolute targets as `\\?\C:\...`,
   * and a junction reads back absolute). Elsewhere: byte for byte.
   */
  sameLinkText(stored: string, wanted: string): boolean;
  /**
   * True when a symlink in directory `dir` holding `stored` means `wanted`: the same text
   * (sameLinkText), or both relative and resolving lexically from `dir` to the same path
   * (Stow's `../../.local/src/dotfiles/x` for our `../src/dotfiles/x`). A relative text never
   * means an absolute one: switching `relative` on or off still repairs.
   */
  sameLinkMeaning(stored: string, wanted: string, dir: string): boolean;
  /** The type argument for fs.symlink: file or dir by the source (mklink vs mklink /D), or junction. */
  symlinkType(type: Exclude<LinkType, "hardlink">, sourceKind: string): SymlinkType | undefined;
  /** Whether this OS has junctions; elsewhere a junction is made as a directory symlink. */
  hasJunctions: boolean;
}

function build(os: string): Platform {
  const paths = pathsFor(os);
  const win = os === "win32";
  const sameLinkText = win ? (a: string, b: string) => a === b || paths.key(a) === paths.key(b) : (a: string, b: string) => a === b;
  // A trailing separator asks for a directory: such a text means only itself.
  const endsInSep = (t: string) => t.endsWith("/") || (win && t.endsWith("\\"));
  return {
    ...paths,
    os,
    hasJunctions: win,
    sameLinkText,
    sameLinkMeaning(stored, wanted, dir) {
      if (sameLinkText(stored, wanted)) return true;
      const [a, b] = [paths.plain(stored), paths.plain(wanted)];
      if (a === "" || paths.path.isAbsolute(a) || paths.path.isAbsolute(b) || endsInSep(a) !== endsInSep(b)) return false;
      return paths.same(paths.path.resolve(dir, a), paths.path.resolve(dir, b));
    },
    symlinkType(type, sourceKind) {
      if (!win) return undefined;
      if (type === "junction") return "junction";
      return sourceKind === "dir" ? "dir" : "file";
    },
  };
}

const cache = new Map<string, Platform>();

// The adapter for an OS name (memoised: cheap to call per link).
export function platformFor(os: string): Platform {
  let p = cache.get(os);
  if (!p) {
    p = build(os);
    cache.set(os, p);
  }
  return p;
}

/** The running machine's adapter. */
export const hostPlatform: Platform = platformFor(HOST_OS);
