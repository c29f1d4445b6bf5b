// Hand-built plans for reporter tests: every kind, every shape, no disk.

import type { Observed, SourceObserved } from "../../src/observe/types.js";
import { ACTION_KINDS, type Action, type LinkAction, type Plan, type RemoveAction, type Summary } from "../../src/plan/types.js";

export const HOME = "/home/me";
export const REPO = "/home/me/dotfiles";

const srcFile: SourceObserved = { kind: "file", dev: 2049, ino: 100, nlink: 1, size: 12, mtimeMs: 1, realpath: `${REPO}/bash/.bashrc` };
const missing: Observed = { kind: "missing" };

// A link action with defaults that make sense for `kind`; override anything.
export function link(kind: LinkAction["kind"], over: Partial<LinkAction> = {}): LinkAction {
  const base: LinkAction = {
    kind,
    type: "symlink",
    target: `${HOME}/.bashrc`,
    source: `${REPO}/bash/.bashrc`,
    linkText: `${REPO}/bash/.bashrc`,
    reason: "nothing at target",
    reasonCode: "missing",
    entry: 0,
    observed: missing,
    sourceObserved: srcFile,
    mkdirs: [],
  };
  return { ...base, ...over };
}

export function remove(over: Partial<RemoveAction> = {}): RemoveAction {
  return {
    kind: "remove",
    type: "symlink",
    target: `${HOME}/.old`,
    source: `${REPO}/old`,
    linkText: `${REPO}/old`,
    reason: "no longer declared",
    reasonCode: "not-declared",
    observed: { kind: "symlink", text: `${REPO}/old`, dev: 2049, ino: 7 },
    ...over,
  };
}

export function summarize(actions: readonly Action[]): Summary {
  const s = Object.fromEntries(ACTION_KINDS.map((k) => [k, 0])) as Summary;
  for (const a of actions) s[a.kind]++;
  return s;
}

export function makePlan(actions: Action[]): Plan {
  return {
    formatVersion: 1,
    manifest: { file: `${REPO}/linkfarm.yaml`, hash: "a".repeat(64) },
    actions,
    summary: summarize(actions),
  };
}

// One of each kind and shape: symlink, hard link, junction, forget, dir removal, mkdirs.
export function everyKindPlan(): Plan {
  return makePlan([
    link("ok", { target: `${HOME}/.profile`, reasonCode: "in-place", reason: "in place", observed: { kind: "symlink", text: `${REPO}/bash/.bashrc`, dev: 1, ino: 2 } }),
    link("create", { target: `${HOME}/.config/git/config`, mkdirs: [`${HOME}/.config`, `${HOME}/.config/git`], reason: "nothing at target" }),
    link("create", {
      type: "hardlink",
      target: `${HOME}/.local/bin/tool`,
      source: `${REPO}/bin/tool`,
      linkText: undefined,
      reason: "nothing at target",
    }),
    link("repair", { target: `${HOME}/.vimrc`, reasonCode: "dangling", reason: "dangling: points to /old/vimrc", observed: { kind: "symlink", text: "/old/vimrc", dev: 1, ino: 3 } }),
    link("replace", {
      target: `${HOME}/.gitconfig`,
      reasonCode: "different-content",
      reason: "file with other content; will back up",
      resolution: "backup",
      observed: { kind: "file", dev: 1, ino: 4, nlink: 1, size: 10, mtimeMs: 1 },
    }),
    link("conflict", {
      target: `${HOME}/.config/nvim`,
      source: `${REPO}/nvim`,
      linkText: `${REPO}/nvim`,
      reasonCode: "nonempty-directory",
      reason: "directory in the way",
      fixes: ["backup"],
      observed: { kind: "dir", dev: 1, ino: 5 },
      sourceObserved: { kind: "dir", dev: 2049, ino: 101, realpath: `${REPO}/nvim` },
    }),
    link("error", {
      type: "junction",
      target: `/srv/data/x`,
      source: `${REPO}/missing`,
      linkText: `${REPO}/missing`,
      reasonCode: "source-missing",
      reason: `source missing: ${REPO}/missing`,
      note: "junction made as a directory symlink on linux",
      sourceObserved: { kind: "missing" },
    }),
    remove(),
    remove({
      type: "hardlink",
      target: `${HOME}/.keep`,
      linkText: undefined,
      kind: "forget",
      reasonCode: "last-name",
      reason: "last name of its data (the source is gone); kept the file",
      observed: { kind: "file", dev: 1, ino: 9, nlink: 1, size: 3, mtimeMs: 2 },
    }),
    remove({
      type: "dir",
      target: `${HOME}/.config/old`,
      source: undefined,
      linkText: undefined,
      reasonCode: "created-dir-empty",
      reason: "directory linkfarm created, now empty",
      observed: { kind: "dir", dev: 1, ino: 10 },
    }),
  ]);
}
