// Hand-built plans over real sandboxes: actions carry what is on disk right now, the way the
// observer would record it, so that the applier's re-checks pass (or fail when the test moves
// something afterwards).

import { realFs } from "../../src/platform/fs.js";
import { probeNow, probeSourceNow } from "../../src/observe/probe.js";
import type { Action, ActionKind, LinkAction, Plan, RemoveAction, Resolution } from "../../src/plan/types.js";
import { ACTION_KINDS } from "../../src/plan/types.js";
import type { LinkType } from "../../src/manifest/types.js";
import { emptyState, type State } from "../../src/state/types.js";
import type { Sandbox } from "./sandbox.js";
import { apply } from "../../src/apply/apply.js";
import type { ApplyDeps, HookRunner } from "../../src/apply/types.js";
import * as path from "node:path";

export function linkAction(
  sb: Sandbox,
  o: { kind: LinkAction["kind"]; target: string; source: string; type?: LinkType; resolution?: Resolution; mkdirs?: string[]; linkText?: string },
): LinkAction {
  const target = sb.p(o.target);
  const source = sb.p(o.source);
  const type = o.type ?? "symlink";
  const a: LinkAction = {
    kind: o.kind,
    type,
    target,
    source,
    entry: 0,
    reasonCode: "missing",
    reason: "test",
    observed: probeNow(target, realFs),
    sourceObserved: probeSourceNow(source, realFs),
    mkdirs: (o.mkdirs ?? []).map((d) => sb.p(d)),
  };
  if (type !== "hardlink") a.linkText = o.linkText ?? source;
  if (o.resolution) a.resolution = o.resolution;
  return a;
}

export function removeAction(
  sb: Sandbox,
  o: { target: string; type: RemoveAction["type"]; kind: RemoveAction["kind"]; source?: string },
): RemoveAction {
  const target = sb.p(o.target);
  const a: RemoveAction = {
    kind: o.kind,
    type: o.type,
    target,
    reasonCode: "not-declared",
    reason: "test",
    observed: probeNow(target, realFs),
  };
  if (o.source) a.source = sb.p(o.source);
  return a;
}

export function makePlan(sb: Sandbox, actions: Action[]): Plan {
  const summary = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Record<ActionKind, number>;
  for (const a of actions) summary[a.kind]++;
  return { formatVersion: 1, manifest: { file: sb.p("repo/linkfarm.yaml"), hash: "0" }, actions, summary };
}

export function stateFile(sb: Sandbox): string {
  return path.join(sb.stateDir, "test.json");
}

export function run(
  sb: Sandbox,
  actions: Action[],
  extra: Partial<ApplyDeps> & { state?: State; lockTimeoutMs?: number } = {},
) {
  const runHook: HookRunner = async (command) => ({ command, exitCode: 0, output: "" });
  return apply(makePlan(sb, actions), {
    fs: realFs,
    state: extra.state ?? emptyState(sb.p("repo/linkfarm.yaml")),
    stateFile: stateFile(sb),
    manifestDir: sb.p("repo"),
    hooks: { before: [], after: [] },
    runHook,
    platform: process.platform,
    lockTimeoutMs: 200,
    ...extra,
  });
}
