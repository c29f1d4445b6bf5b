// Resolved Manifest objects built by hand for observer and planner tests (the real loader is
// tested on its own). Sources resolve against sourceRoot, targets against targetRoot; a target
// ending in "/" is a directory target; each entry gets a made-up but distinct position.

import { createHash } from "node:crypto";
import * as path from "node:path";
import { isGlobSource } from "../../src/manifest/glob-syntax.js";
import type { HostFacts, LinkEntry, Manifest, When } from "../../src/manifest/types.js";
import { observe } from "../../src/observe/observe.js";
import { plan, type PlanOptions } from "../../src/plan/plan.js";
import type { Action, LinkAction, Plan, RemoveAction } from "../../src/plan/types.js";
import { realFsRead } from "../../src/platform/fs.js";
import { emptyState, type State } from "../../src/state/types.js";

export interface EntrySpec extends Partial<Omit<LinkEntry, "source" | "target" | "index">> {
  source: string;
  target: string;
  when?: When;
}

export interface ManifestSpec {
  /** Directory of the (imaginary) manifest file; default root of relative sources. */
  dir: string;
  sourceRoot?: string;
  /** Root of relative targets (normally the sandbox HOME). */
  targetRoot: string;
  ignore?: string[];
  prune?: boolean;
  links: EntrySpec[];
}

/** An entry's options when the manifest sets none (the schema's defaults). */
export const ENTRY_DEFAULTS = {
  type: "symlink",
  relative: false,
  mkdirs: true,
  conflict: "fail",
  tree: false,
  optional: false,
} as const satisfies Partial<LinkEntry>;

/** Made-up but distinct positions for entry `index` of `file`. */
export function entryPositions(file: string, index: number): Pick<LinkEntry, "pos" | "sourcePos" | "targetPos"> {
  const line = 10 + index * 3;
  return { pos: { file, line, col: 5 }, sourcePos: { file, line, col: 13 }, targetPos: { file, line: line + 1, col: 13 } };
}

export function buildManifest(spec: ManifestSpec): Manifest {
  const file = path.join(spec.dir, "linkfarm.yaml");
  const sourceRoot = spec.sourceRoot ?? spec.dir;
  const links = spec.links.map((l, index): LinkEntry => {
    const source = path.resolve(sourceRoot, l.source);
    const targetIsDir = l.target.endsWith("/");
    const target = path.resolve(spec.targetRoot, l.target.replace(/\/+$/, "") || ".");
    const { source: _s, target: _t, ...rest } = l;
    return {
      index,
      source,
      sourceIsGlob: isGlobSource(source),
      target,
      targetIsDir,
      ...ENTRY_DEFAULTS,
      ...entryPositions(file, index),
      ...rest,
    };
  });
  return {
    file,
    dir: spec.dir,
    hash: createHash("sha256").update(JSON.stringify(spec)).digest("hex"),
    version: 1,
    sourceRoot,
    targetRoot: spec.targetRoot,
    ignore: spec.ignore ?? [],
    prune: spec.prune ?? true,
    hooks: { before: [], after: [] },
    links,
  };
}

export function hostFor(home: string, over: Partial<HostFacts> = {}): HostFacts {
  // The running OS: the observer reads the real disk with its path rules.
  return { os: process.platform, hostname: "testhost", home, env: { HOME: home }, ...over };
}

export interface Planned {
  plan: Plan;
  diagnostics: ReturnType<typeof observe>["diagnostics"];
  observation: ReturnType<typeof observe>["observation"];
  /** The action at a target (absolute); throws when there is none. */
  at(target: string): Action;
  link(target: string): LinkAction;
  remove(target: string): RemoveAction;
}

// observe (real disk, read-only) + plan, as the `plan` command does (for the host's OS).
export function observeAndPlan(
  manifest: Manifest,
  options: { state?: State; host?: HostFacts; plan?: PlanOptions } = {},
): Planned {
  const state = options.state ?? emptyState(manifest.file);
  const host = options.host ?? hostFor(manifest.targetRoot);
  const { observation, diagnostics } = observe(manifest, state, { fs: realFsRead, host });
  const p = plan(manifest, observation, state, { platform: host.os, ...options.plan });
  const at = (target: string) => {
    const a = p.actions.find((x) => x.target === target);
    if (!a) throw new Error(`no action for ${target}; have ${p.actions.map((x) => x.target).join(", ")}`);
    return a;
  };
  return {
    plan: p,
    diagnostics,
    observation,
    at,
    link: (t) => at(t) as LinkAction,
    remove: (t) => at(t) as RemoveAction,
  };
}
