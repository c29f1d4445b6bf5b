// Semantic checks on the resolved manifest that the schema cannot express. Each rule returns
// every problem it finds; the caller collects them all.

import { diag, type Diagnostic } from "../diagnostic.js";
import { displayPath, isInside, path, pathsFor } from "../platform/paths.js";
import { diagAt as at, formatPos } from "./pos.js";
import type { LinkEntry, Manifest, SourcePos } from "./types.js";

export interface RuleContext {
  home: string;
  /** process.platform of this machine: its path rules (platform/paths.ts pathsFor) say which targets are one. */
  os: string;
  /** Where the root `target:` and `source:` keys are, if written. */
  targetRootPos?: SourcePos;
  sourceRootPos?: SourcePos;
  /** A root could not be read (bad type, unset variable): "inside the source" means nothing. */
  rootsUnknown?: boolean;
}

export function checkRules(m: Manifest, ctx: RuleContext): Diagnostic[] {
  return [...(ctx.rootsUnknown ? [] : targetInSource(m, ctx)), ...duplicateTargets(m, ctx), ...globIntoFile(m)];
}

/**
 * The path a static entry links at. Tree and glob entries expand on disk (the observer checks
 * those after expansion); a file or directory entry into `dir/` lands at `dir/<source name>`.
 */
export function staticTarget(e: LinkEntry): string | undefined {
  if (e.tree || e.sourceIsGlob) return undefined;
  return e.targetIsDir ? path.join(e.target, path.basename(e.source)) : e.target;
}

// Links inside the source tree would be picked up as sources (tree, glob) or overwrite them.
function targetInSource(m: Manifest, ctx: RuleContext): Diagnostic[] {
  if (isInside(m.targetRoot, m.sourceRoot)) {
    const pos = ctx.targetRootPos ?? ctx.sourceRootPos ?? { file: m.file, line: 0, col: 0 };
    return [
      diag(
        "target-in-source",
        `target root ${displayPath(m.targetRoot, ctx.home)} is inside the source root ${displayPath(m.sourceRoot, ctx.home)}\n` +
          "Set `source:` to the folder that holds the files to link (for example `source: dotfiles`).",
        at(pos),
      ),
    ];
  }
  const out: Diagnostic[] = [];
  for (const e of m.links) {
    const target = staticTarget(e) ?? e.target;
    const ownSource = e.sourceIsGlob ? undefined : e.source;
    if (!isInside(target, m.sourceRoot) && !(ownSource !== undefined && isInside(target, ownSource))) continue;
    const root = ownSource !== undefined && isInside(target, ownSource) ? ownSource : m.sourceRoot;
    out.push(
      diag(
        "target-in-source",
        `target ${displayPath(target, ctx.home)} is inside the source ${displayPath(root, ctx.home)}`,
        at(e.targetPos),
      ),
    );
  }
  return out;
}

// Two entries that would make the same link. Entries with different `when` clauses may share a
// target (one per OS, say): the observer checks those on the machine, after expansion. Targets
// are one as the planner compares paths (pathsFor(os).key, as plan/expand.ts does): case folds
// on win32 only; darwin compares exactly, as its `same()` does (an APFS volume may be either).
function duplicateTargets(m: Manifest, ctx: RuleContext): Diagnostic[] {
  const { key: targetKey } = pathsFor(ctx.os);
  const first = new Map<string, LinkEntry>();
  const out: Diagnostic[] = [];
  for (const e of m.links) {
    const target = staticTarget(e);
    if (target === undefined) continue;
    const key = `${targetKey(target)}\0${JSON.stringify(e.when ?? null)}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, e);
      continue;
    }
    out.push(
      diag(
        "duplicate-target",
        `duplicate target ${displayPath(target, ctx.home)}: also declared at ${formatPos(prev.targetPos)}`,
        at(e.targetPos),
      ),
    );
  }
  return out;
}

// A glob matches any number of files: they can only go *into* a directory.
function globIntoFile(m: Manifest): Diagnostic[] {
  return m.links
    .filter((e) => e.sourceIsGlob && !e.targetIsDir && !e.tree)
    .map((e) =>
      diag(
        "glob-into-file",
        "a glob source links each match into a directory: end the target with `/`, or set `glob: false` to link this one name literally",
        at(e.targetPos),
      ),
    );
}
