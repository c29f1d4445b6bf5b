// Manifest entries + what the observer listed under their sources → the links wanted on this
// machine. Pure: no disk, no env (host facts are passed in).

import { diag, type Diagnostic } from "../diagnostic.js";
import { diagAt as at, formatPos } from "../manifest/pos.js";
import type { HostFacts, LinkEntry, Manifest } from "../manifest/types.js";
import type { DesiredLink, SourceListing } from "./types.js";
import { childOf, path, pathsFor } from "../platform/paths.js";
import { whenHolds } from "../manifest/when.js";

export interface ExpandResult {
  desired: DesiredLink[];
  diagnostics: Diagnostic[];
}

// One DesiredLink per final target. Dropped: entries whose `when` is false, optional entries
// whose source is missing (or whose glob matches nothing). Kept on purpose: a non-optional
// missing source stays as one link so the planner reports `source-missing` (an empty glob:
// `glob-no-match`).
export function expand(
  manifest: Manifest,
  listings: readonly SourceListing[],
  host: HostFacts,
): ExpandResult {
  const byEntry = new Map(listings.map((l) => [l.entry, l]));
  const desired: DesiredLink[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const entry of manifest.links) {
    if (!whenHolds(entry.when, host)) continue;
    const listing = byEntry.get(entry.index) ?? { entry: entry.index, kind: "missing" };
    // A glob that matched nothing stands as one link that the planner reports as glob-no-match.
    const noMatch = listing.kind === "glob" && (listing.files ?? []).length === 0 ? (listing.noMatch ?? {}) : undefined;
    // Relative symlinks: their texts go through the target root (as Stow's), when below it.
    const base = entry.type === "symlink" && entry.relative ? manifest.targetRoot : undefined;
    pairs(entry, listing, diagnostics, (source, target) => {
      // The keys in this order (as a literal with spreads gave them), without an object per spread.
      const d: DesiredLink = {
        target,
        source,
        type: entry.type,
        relative: entry.relative,
        mkdirs: entry.mkdirs,
        conflict: entry.conflict,
        entry: entry.index,
      };
      if (base !== undefined) d.base = base;
      if (noMatch) d.noMatch = noMatch;
      desired.push(d);
    });
  }
  return { desired: dropDuplicates(desired, manifest, diagnostics, pathsFor(host.os).key), diagnostics };
}

// The (source, target) pairs of one entry, in order, to `each`.
function pairs(
  entry: LinkEntry,
  listing: SourceListing,
  diagnostics: Diagnostic[],
  each: (source: string, target: string) => void,
): void {
  const into = (source: string) =>
    entry.targetIsDir ? path.join(entry.target, path.basename(source)) : entry.target;
  if (listing.kind === "glob") {
    const base = listing.base ?? path.dirname(entry.source);
    const files = listing.files ?? [];
    if (files.length === 0) {
      if (!entry.optional) each(entry.source, entry.target);
      return;
    }
    if (files.length > 1 && !entry.targetIsDir) {
      diagnostics.push(
        diag(
          "glob-into-file",
          `${entry.source} matches ${files.length} files but the target ${entry.target} is one file; end the target with "/" to link them into a directory`,
          at(entry.targetPos),
        ),
      );
      return;
    }
    for (const f of files) {
      const source = joinRel(base, f);
      each(source, into(source));
    }
    return;
  }
  if (listing.kind === "missing" && entry.optional) return;
  if (entry.tree && listing.kind === "dir") {
    const root = into(entry.source);
    for (const f of listing.files ?? []) each(joinRel(entry.source, f), joinRel(root, f));
    return;
  }
  each(entry.source, into(entry.source));
}

// Several entries may share a target directory; only identical final targets clash (as the
// OS compares paths: on win32 `C:\Users\Me\.bashrc` and `c:/users/me/.BASHRC` are one). One
// diagnostic per pair of entries (with a count), at the later entry's target, naming both
// entries' target positions (as the manifest rules do for unexpanded targets).
function dropDuplicates(
  desired: DesiredLink[],
  manifest: Manifest,
  diagnostics: Diagnostic[],
  targetKey: (target: string) => string,
): DesiredLink[] {
  const first = new Map<string, DesiredLink>();
  const clashes = new Map<string, { a: number; b: number; target: string; count: number }>();
  const kept: DesiredLink[] = [];
  for (const d of desired) {
    const k = targetKey(d.target);
    const prior = first.get(k);
    if (!prior) {
      first.set(k, d);
      kept.push(d);
      continue;
    }
    const key = `${prior.entry}:${d.entry}`;
    const c = clashes.get(key);
    if (c) c.count++;
    else clashes.set(key, { a: prior.entry, b: d.entry, target: d.target, count: 1 });
  }
  const entries = new Map(manifest.links.map((e) => [e.index, e]));
  for (const c of clashes.values()) {
    const a = entries.get(c.a);
    const b = entries.get(c.b);
    if (!a || !b) continue;
    const more = c.count > 1 ? ` (and ${c.count - 1} more)` : "";
    const where = c.a === c.b ? `twice by the link at ${formatPos(a.targetPos)}` : `by both ${formatPos(a.targetPos)} and ${formatPos(b.targetPos)}`;
    diagnostics.push(diag("duplicate-target", `${c.target} is declared ${where}${more}`, at(b.targetPos)));
  }
  return kept;
}

// base (absolute, normalised) + a clean posix relative path from a listing; cheaper than
// path.join on the hot path of a 10,000-file tree.
function joinRel(base: string, rel: string): string {
  return childOf(base, path.sep === "/" ? rel : rel.split("/").join(path.sep));
}
