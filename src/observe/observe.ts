// The only code that looks at sources and targets: list sources, expand entries into desired
// links, probe each target, each state link no longer desired and each created directory.
// Makes no mutating system call (FsRead has none).

import { diag, type Diagnostic } from "../diagnostic.js";
import type { ConflictPolicy, HostFacts, Manifest } from "../manifest/types.js";
import { expand } from "../plan/expand.js";
import { desiredLinkText } from "../plan/link-text.js";
import { ancestorsOf } from "../plan/prune.js";
import { assertNever } from "../plan/types.js";
import { whenHolds } from "../plan/when.js";
import { errnoCode, realpathOr, type FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { hostPlatform } from "../platform/platform.js";
import type { State } from "../state/types.js";
import { sameContent } from "./compare-content.js";
import { createProber, type Prober } from "./probe.js";
import type { DesiredLink, DirObservation, Observation, Observed, ObserveProgress, PruneObservation, TargetObservation } from "./types.js";
import { walkSources } from "./walk-sources.js";

export interface ObserveDeps {
  fs: FsRead;
  host: HostFacts;
  /** --conflict: accepted for symmetry with plan(); observation does not depend on it. */
  conflict?: ConflictPolicy;
  /** Display only (a progress line): called before each target and each long content comparison. */
  progress?: (e: ObserveProgress) => void;
}

export interface ObserveResult {
  observation: Observation;
  diagnostics: Diagnostic[];
}

// A path that cannot be probed (EACCES, EIO) becomes an `io` diagnostic and is left out.
export function observe(manifest: Manifest, state: State, deps: ObserveDeps): ObserveResult {
  const { fs, host } = deps;
  const prober = createProber(fs);
  const walked = walkSources(manifest, fs, (e) => whenHolds(e.when, host));
  prober.knownDirs(walked.dirs);
  const expanded = expand(manifest, walked.listings, host);
  const diagnostics = [...walked.diagnostics, ...expanded.diagnostics];
  const probe = <T>(p: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      diagnostics.push(diag("io", `cannot look at ${p}: ${errnoCode(err) ?? String(err)}`));
      return undefined;
    }
  };

  const targets: TargetObservation[] = [];
  const total = expanded.desired.length;
  for (const d of expanded.desired) {
    deps.progress?.({ phase: "observe", done: targets.length, total });
    const t = probe(d.target, () => observeTarget(d, prober, fs, deps.progress));
    if (t) targets.push(t);
  }

  const desiredTargets = new Set(expanded.desired.map((d) => d.target));
  const prune: PruneObservation[] = [];
  for (const target of Object.keys(state.links).sort()) {
    if (desiredTargets.has(target)) continue;
    const observed = probe(target, () => prober.path(target));
    if (!observed) continue;
    const e = state.links[target]!;
    // The last name of a hard link's data: is its source path gone, or another file now?
    const lastName = e.type === "hardlink" && observed.kind === "file" && observed.nlink <= 1;
    const source = lastName ? probe(e.source, () => prober.path(e.source)) : undefined;
    prune.push(source ? { target, observed, source } : { target, observed });
  }

  const needed = ancestorsOf(expanded.desired);
  const dirs: DirObservation[] = [];
  for (const dir of [...state.dirs].sort()) {
    if (needed.has(dir)) continue;
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
    observation: { desired: expanded.desired, sourceRootReal, targets, prune, dirs },
    diagnostics,
  };
}

// Everything the planner needs about one desired link, and nothing it does not: content is
// compared only for a regular file that is not the source's inode; a symlink is followed only
// when its text is not already the desired text; mounts only when a hard link spans devices.
function observeTarget(d: DesiredLink, prober: Prober, fs: FsRead, progress?: ObserveDeps["progress"]): TargetObservation {
  // The parent chain first (cached per directory): under a missing or blocked parent nothing can
  // be at the target (lstat would say ENOENT or ENOTDIR), so an empty HOME costs no call per link.
  const parent = prober.parent(path.dirname(d.target));
  const observed: Observed =
    parent.missing.length > 0 || parent.blockedBy ? { kind: "missing" } : prober.path(d.target);
  const source = prober.source(d.source);
  const t: TargetObservation = { target: d.target, observed, source, parent };
  switch (observed.kind) {
    case "symlink": {
      // The disk is this machine's: its rules say when a stored text means the desired one.
      const want = desiredLinkText(d, parent);
      if (want === undefined || !hostPlatform.sameLinkText(observed.text, want))
        t.resolved = prober.resolved(d.target, observed.text);
      break;
    }
    case "file":
      // A symlink source that leads to a file: its content is the file's (read through it).
      const size = source.kind === "file" ? source.size : source.kind === "symlink" ? source.size : undefined;
      const sameInode = source.kind === "file" && observed.dev === source.dev && observed.ino === source.ino;
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
  if ((d.type === "hardlink" || d.type === "auto") && source.kind === "file" && !parent.blockedBy && source.dev !== parent.dev)
    t.mounts = prober.mounts(source.realpath, parent.existing);
  return t;
}
