// Right before acting, apply re-probes a path (observe/probe.ts probeNow) and compares what it
// sees with what the action expected (what the plan observed). A mismatch makes the action
// `stale`: skipped, and the run exits 1.

import { isProbed } from "../observe/listed-source.js";
import type { Observed, ProbedSource, SourceObserved } from "../observe/types.js";

function describe(o: Observed): string {
  switch (o.kind) {
    case "missing":
      return "nothing";
    case "symlink":
      return `a symlink to ${o.text}`;
    case "file":
      return "a file";
    case "dir":
      return "a directory";
    case "other":
      return `a ${o.what}`;
  }
}

/** Files this run rewrote in place (adopt): `dev:ino` → their size and mtime afterwards. */
export type OwnWrites = Map<string, { size: number; mtimeMs: number }>;

export function ownWriteKey(dev: number, ino: number): string {
  return `${dev}:${ino}`;
}

// What the plan's observation of a path is once this run's own writes are counted: a name of a
// file that an adopt of the same plan rewrote has the new size and mtime, and is not stale.
export function expectedNow(planned: Observed, own: OwnWrites): Observed {
  if (planned.kind !== "file" || own.size === 0) return planned;
  const w = own.get(ownWriteKey(planned.dev, planned.ino));
  return w ? { ...planned, ...w } : planned;
}

// undefined when `now` still matches `planned`; else why not (one line).
export function compareObserved(planned: Observed, now: Observed): string | undefined {
  if (planned.kind !== now.kind) return `was ${describe(planned)}, now ${describe(now)}`;
  switch (planned.kind) {
    case "missing":
      return undefined;
    case "symlink": {
      const n = now as Extract<Observed, { kind: "symlink" }>;
      if (n.text !== planned.text) return `symlink changed: was ${planned.text}, now ${n.text}`;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "symlink was replaced";
      return undefined;
    }
    case "file": {
      const n = now as Extract<Observed, { kind: "file" }>;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "file was replaced";
      if (n.size !== planned.size || n.mtimeMs !== planned.mtimeMs) return "file was modified";
      return undefined;
    }
    case "dir": {
      const n = now as Extract<Observed, { kind: "dir" }>;
      if (n.dev !== planned.dev || n.ino !== planned.ino) return "directory was replaced";
      return undefined;
    }
    case "other": {
      const n = now as Extract<Observed, { kind: "other" }>;
      return n.what === planned.what ? undefined : `was a ${planned.what}, now a ${n.what}`;
    }
  }
}

// undefined when the source is still the same file, directory or symlink (device and inode; a
// symlink's text too). Where a symlink source leads does not matter: the link points at it. A
// source the walk listed (no device or inode: a symlink whose text decided) only has to be
// there, still the same kind.
export function compareSource(planned: SourceObserved, now: ProbedSource): string | undefined {
  if (planned.kind !== now.kind) return `source changed: was ${planned.kind}, now ${now.kind}`;
  if (planned.kind === "symlink" && now.kind === "symlink" && planned.text !== now.text)
    return `source symlink changed: was ${planned.text}, now ${now.text}`;
  if (!isProbed(planned)) return undefined;
  if (planned.kind !== "missing" && planned.kind !== "other" && now.kind !== "missing" && now.kind !== "other") {
    if (planned.dev !== now.dev || planned.ino !== now.ino) return "source was replaced";
  }
  return undefined;
}
