// Entry names: what `linkfarm apply NAME` selects. An entry without `name:` is named after its
// source, so `source: vim` is `vim` and a package imported from Stow keeps its package name.

import picomatch from "picomatch";
import { path } from "../platform/paths.js";
import type { LinkEntry } from "./types.js";

/**
 * The source's last path segment (`bash/.bashrc` → `.bashrc`). A glob source is named after its
 * directory part, the last segment without glob characters (`fonts/*.ttf` → `fonts`; `*.sh`
 * directly in the source root → the source root's name).
 */
export function defaultEntryName(source: string, isGlob: boolean): string {
  const literal = isGlob ? picomatch.scan(source).base : source;
  return path.basename(literal) || literal;
}

// The entry's name: `name:` or the default (entries built by hand may lack the field).
export function entryName(e: Pick<LinkEntry, "name" | "source" | "sourceIsGlob">): string {
  return e.name ?? defaultEntryName(e.source, e.sourceIsGlob);
}

/** The path under which a state link made by this entry has its source (a glob: its directory part). */
export function entrySourceRoot(e: Pick<LinkEntry, "source" | "sourceIsGlob">): string {
  return e.sourceIsGlob ? picomatch.scan(e.source).base : e.source;
}
