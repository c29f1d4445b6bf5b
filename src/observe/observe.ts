// The only code that looks at sources and targets, in the pipeline's order: listSources (the
// walk) → expand (pure, expand/) → observeTargets (each desired target, each state link no
// longer desired, each created directory). Makes no mutating system call (FsRead has none).

import { diag, type Diagnostic } from "../diagnostic.js";
import type { HostFacts, Manifest } from "../manifest/types.js";
import { expand } from "../expand/expand.js";
import { assertNever } from "../assert.js";
import { whenHolds } from "../manifest/when.js";
import { errnoCode, realpathOr, type FsRead } from "../platform/fs.js";
import { ancestorsOf, path } from "../platform/paths.js";
import { platformFor, type Platform } from "../platform/platform.js";
import type { State } from "../state/types.js";
import { sameContent } from "./compare-content.js";
import { desiredLinkText } from "./link-text.js";
import { createProber, type Prober } from "./probe.js";
import type {
  DesiredLink,
  DirObservation,
  Observation,
  Observed,
  ObserveProgress,
  PruneObservation,
  SourceListing,
  TargetObservation,
} from "./types.js";
import { walkSources, type WalkResult } from "./walk-sources.js";

export interface ObserveDeps {
  fs: FsRead;
  /** This machine's facts (`when`, and `os`: how paths and link texts compare on its disk). */
  host: HostFacts;
  /** Display only (a progress line): called before each target and each long content comparison. */
  progress?: (e: ObserveProgress) => void;
}

export interface ObserveResult {
  observation: Observation;
  diagnostics: Diagnostic[];
}

// The three steps before planning: list → expand → observe targets (see the pipeline, pipeline/).
export function observe(manifest: Manifest, state: State, deps: ObserveDeps): ObserveResult {
  const listed = listSources(manifest, deps);
  const expanded = expand(manifest, listed.listings, deps.host);
  const observed = observeTargets(manifest, state, expanded.desired, listed, deps);
  return {
    observation: observed.observation,
    diagnostics: [...listed.diagnostics, ...expanded.diagnostics, ...observed.diagnostics],
  };
}

// What each entry's source holds (entries whose `when` does not hold are not listed).
export function listSources(manifest: Manifest, deps: Pick<ObserveDeps, "fs" | "host">): WalkResult {
  return walkSources(manifest, deps.fs, (e) => whenHolds(e.when, deps.host));
}

// Each desired target, each state link no longer desired, each created directory. `listed`:
// directories the listing found real (no lstat for their real path) and the kind of each
// listed source. A path that cannot be probed (EACCES, EIO) becomes an `io` diagnostic and is
// left out.
export function observeTargets(
  manifest: Manifest,
  state: State,
  desired: readonly DesiredLink[],
  listed: Pick<WalkResult, "dirs" | "kinds">,
  deps: ObserveDeps,
): ObserveResult {
  const { fs, host } = deps;
  const prober = createProber(fs, host.os);
  prober.knownDirs(listed.dirs);
  const platform = platformFor(host.os);
  const diagnostics: Diagnostic[] = [];
  const probe = <T>(p: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      diagnostics.push(diag("io", `cannot look at ${p}: ${errnoCode(err) ?? String(err)}`));
      return undefined;
    }
  };

  const targets: TargetObservation[] = [];
  const total = desired.length;
  for (const d of desired) {
    deps.progress?.({ phase: "observe", done: targets.length, total });
    const t = probe(d.target, () => observeTarget(d, listed.kinds.get(d.source), prober, fs, platform, deps.progress));
    if (t) targets.push(t);
  }

  const recorded = Object.keys(state.links);
  const desiredTargets = recorded.length > 0 ? new Set(desired.map((d) => d.target)) : undefined;
  const prune: PruneObservation[] = [];
  for (const target of recorded.sort()) {
    if (desiredTargets!.has(target)) continue;
    const observed = probe(target, () => prober.path(target));
    if (!observed) continue;
    const e = state.links[target]!;
    // The last name of a hard link's data: is its source path gone, or another file now?
    const lastName = e.type === "hardlink" && observed.kind === "file" && observed.nlink <= 1;
    const source = lastName ? probe(e.source, () => prober.path(e.source)) : undefined;
    prune.push(source ? { target, observed, source } : { target, observed });
  }

  const needed = state.dirs.length > 0 ? ancestorsOf(desired) : undefined;
  const dirs: DirObservation[] = [];
  for (const dir of [...state.dirs].sort()) {
    if (needed!.has(dir)) continue;
    const o = probe(dir, (): DirObservation => {
      const observed = prober.path(dir);
      return observed.kind === "dir"
        ? { path: dir, observed, entries: prober.entries(dir) }
        : { path: dir, observed };
    });
    if (o) dirs.push(o);
  }

  const sourceRootReal = probe(manifest.sourceRoot, () => realpathOr(fs, manifest.sourceRoot));
  return {
    observation: { desired: [...desired], sourceRootReal, targets, prune, dirs },
    diagnostics,
  };
}

// Everything the planner needs about one desired link, and nothing it does not: content is
// compared only for a regular file that is not the source's inode; a symlink is followed only
// when its text is not already the desired text; mounts only when a hard link spans devices;
// the source is not probed when the walk listed it and the link text decides (listedAs).
function observeTarget(
  d: DesiredLink,
  listedKind: SourceListing["kind"] | undefined,
  prober: Prober,
  fs: FsRead,
  platform: Platform,
  progress?: ObserveDeps["progress"],
): TargetObservation {
  // The parent chain first (cached per directory): under a missing or blocked parent nothing can
  // be at the target (lstat would say ENOENT or ENOTDIR), so an empty HOME costs no call per link.
  const parent = prober.parent(path.dirname(d.target));
  const observed: Observed =
    parent.missing.length > 0 || parent.blockedBy ? { kind: "missing" } : prober.path(d.target);
  // The disk is this machine's: its rules say when a stored text means the desired one.
  const want = observed.kind === "symlink" ? desiredLinkText(d, parent) : undefined;
  const textRight = observed.kind === "symlink" && want !== undefined && platform.sameLinkText(observed.text, want);
  const listed = listedAs(d, listedKind, observed.kind === "missing" || textRight);
  // The source as probed: undefined when the walk's listing serves (never for a file at the target).
  const probed = listed === undefined ? prober.source(d.source) : undefined;
  const source = listed === undefined ? probed! : prober.listedSource(d.source, listed);
  const t: TargetObservation = { target: d.target, observed, source, parent };
  switch (observed.kind) {
    case "symlink": {
      if (!textRight) t.resolved = prober.resolved(d.target, observed.text);
      break;
    }
    case "file":
      // A symlink source that leads to a file: its content is the file's (read through it).
      const size = probed?.kind === "file" ? probed.size : probed?.kind === "symlink" ? probed.size : undefined;
      const sameInode = probed?.kind === "file" && observed.dev === probed.dev && observed.ino === probed.ino;
      if (size !== undefined && !sameInode) {
        if (observed.size === size) progress?.({ phase: "compare", path: d.target, bytes: observed.size });
        t.sameContent = sameContent(d.target, d.source, observed.size, size, fs);
      }
      break;
    case "dir":
      t.dirEmpty = prober.entries(d.target).length === 0;
      break;
    case "missing":
    case "other":
      break;
    default:
      return assertNever(observed);
  }
  // auto may become a hard link (Windows without symlink rights): its error names the volumes.
  if ((d.type === "hardlink" || d.type === "auto") && probed?.kind === "file" && !parent.blockedBy && probed.dev !== parent.dev)
    t.mounts = prober.mounts(probed.realpath, parent.existing);
  return t;
}

// A symlink's (or a junction's) correctness depends only on its text: when nothing is at the
// target or the target already holds the desired text (`settled`), what the walk listed is all
// the planner needs of a file, directory or other source (its kind and real path decide every
// error): that kind, or undefined to probe. A symlink source is still probed: where it leads
// decides loops and the source tree. Hard and auto links need the source's inode and device.
function listedAs(d: DesiredLink, kind: SourceListing["kind"] | undefined, settled: boolean): "file" | "dir" | "other" | undefined {
  if (!settled || (d.type !== "symlink" && d.type !== "junction")) return undefined;
  return kind === "file" || kind === "dir" || kind === "other" ? kind : undefined;
}
