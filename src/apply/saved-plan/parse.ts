// Reads a saved plan (the `--json` document) back into a Plan, checking its shape by hand
// (cheap, no schema compiler at run time). Unknown keys are dropped; wrong ones are reported.

import { diag, type Diagnostic } from "../../diagnostic.js";
import { isRecord } from "../../is-record.js";
import { LINK_TYPES } from "../../manifest/types.js";
import { RESOLUTIONS } from "../../plan/fixes.js";
import type { Observed, SourceObserved } from "../../observe/types.js";
import { ACTION_KINDS, type Action, type LinkAction, type Plan, type PlanSelection, type ReasonCode, type Resolution, type Summary } from "../../plan/types.js";

// Every reason code, at run time (the record makes the list exhaustive at compile time).
const REASON_CODE_SET: Record<ReasonCode, true> = {
  "in-place": true,
  missing: true,
  dangling: true,
  "wrong-target": true,
  "symlink-to-hardlink": true,
  "hardlink-to-symlink": true,
  "editor-replaced-same-content": true,
  "source-replaced-same-content": true,
  "identical-file": true,
  "different-content": true,
  directory: true,
  "nonempty-directory": true,
  "foreign-symlink": true,
  "foreign-dangling-symlink": true,
  diverged: true,
  "source-replaced-diverged": true,
  "special-file": true,
  "not-declared": true,
  "created-dir-empty": true,
  unlinked: true,
  "last-name": true,
  "last-name-source-replaced": true,
  "changed-since-made": true,
  "already-gone": true,
  "source-missing": true,
  "source-not-file-or-dir": true,
  "hardlink-to-dir": true,
  "junction-to-file": true,
  "cross-device": true,
  "target-is-source": true,
  "into-source-tree": true,
  "parent-not-directory": true,
  "parent-missing": true,
  "adopt-impossible": true,
  "newer-impossible": true,
  "neither-newer": true,
  "hardlink-to-symlink-source": true,
  "glob-no-match": true,
  "auto-impossible": true,
};
export const REASON_CODES = Object.keys(REASON_CODE_SET) as ReasonCode[];

const OTHER_WHAT = ["fifo", "socket", "block-device", "char-device", "unknown"] as const;

type Obj = Record<string, unknown>;

class Checker {
  readonly problems: string[] = [];
  fail(at: string, msg: string): undefined {
    this.problems.push(`${at}: ${msg}`);
    return undefined;
  }
  obj(v: unknown, at: string): Obj | undefined {
    if (isRecord(v)) return v as Obj;
    return this.fail(at, "expected an object");
  }
  str(o: Obj, key: string, at: string): string {
    const v = o[key];
    if (typeof v === "string") return v;
    this.fail(`${at}.${key}`, "expected a string");
    return "";
  }
  optStr(o: Obj, key: string, at: string): string | undefined {
    return o[key] === undefined ? undefined : this.str(o, key, at);
  }
  num(o: Obj, key: string, at: string): number {
    const v = o[key];
    if (typeof v === "number" && Number.isFinite(v)) return v;
    this.fail(`${at}.${key}`, "expected a number");
    return 0;
  }
  oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], at: string): T {
    const v = o[key];
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    this.fail(`${at}.${key}`, `expected one of ${allowed.join(", ")}`);
    return allowed[0]!;
  }
}

// The identity fields both observation unions share, read in the documents' key order.
function inode(c: Checker, o: Obj, at: string): { dev: number; ino: number } {
  return { dev: c.num(o, "dev", at), ino: c.num(o, "ino", at) };
}

function fileIdentity(c: Checker, o: Obj, at: string): { dev: number; ino: number; nlink: number; size: number } {
  return { ...inode(c, o, at), nlink: c.num(o, "nlink", at), size: c.num(o, "size", at) };
}

// A file or a directory, as a target's or a source's observation records it (a source adds `realpath`).
function fileOrDir(c: Checker, o: Obj, at: string, kind: "file" | "dir") {
  return kind === "file"
    ? { kind, ...fileIdentity(c, o, at), mtimeMs: c.num(o, "mtimeMs", at) }
    : { kind, ...inode(c, o, at) };
}

// An observation's object and kind; undefined for `missing` (or no object, a problem noted).
function present<K extends string>(c: Checker, v: unknown, at: string, kinds: readonly K[]): { o: Obj; kind: Exclude<K, "missing"> } | undefined {
  const o = c.obj(v, at);
  const kind = o && c.oneOf(o, "kind", kinds, at);
  return o && kind !== undefined && kind !== "missing" ? { o, kind: kind as Exclude<K, "missing"> } : undefined;
}

function observed(c: Checker, v: unknown, at: string): Observed {
  const p = present(c, v, at, ["missing", "file", "dir", "symlink", "other"] as const);
  if (!p) return { kind: "missing" };
  const { o, kind } = p;
  switch (kind) {
    case "file":
    case "dir":
      return fileOrDir(c, o, at, kind);
    case "symlink":
      return { kind, text: c.str(o, "text", at), ...inode(c, o, at) };
    case "other":
      return { kind, what: c.oneOf(o, "what", OTHER_WHAT, at) };
  }
}

// `listable`: a symlink's or junction's source, which may be recorded as the walk listed it
// (kind and real path, no device or inode: its text decided); a hard link's never is.
function sourceObserved(c: Checker, v: unknown, at: string, listable: boolean): SourceObserved {
  const p = present(c, v, at, ["missing", "file", "dir", "other", "symlink"] as const);
  if (!p) return { kind: "missing" };
  const { o, kind } = p;
  const realpath = c.str(o, "realpath", at);
  if (kind === "other") return { kind, realpath };
  if (listable && kind !== "symlink" && o.dev === undefined && o.ino === undefined) return { kind, realpath };
  if (kind !== "symlink") return { ...fileOrDir(c, o, at, kind), realpath };
  const to = c.oneOf(o, "to", ["file", "dir", "other", "missing"] as const, at);
  const s: SourceObserved = { kind, text: c.str(o, "text", at), ...inode(c, o, at), realpath, to };
  if (o.resolved !== undefined) s.resolved = c.str(o, "resolved", at);
  if (o.size !== undefined) s.size = c.num(o, "size", at);
  return s;
}

function action(c: Checker, v: unknown, at: string): Action | undefined {
  const o = c.obj(v, at);
  if (!o) return undefined;
  const kind = c.oneOf(o, "kind", ACTION_KINDS, at);
  const target = c.str(o, "target", at);
  const reason = c.str(o, "reason", at);
  const reasonCode = c.oneOf(o, "reasonCode", REASON_CODES, at);
  const linkText = c.optStr(o, "linkText", at);
  if (kind === "remove" || kind === "forget") {
    const type = c.oneOf(o, "type", [...LINK_TYPES, "dir"] as const, at);
    // Before `forget` was a kind, a forget was a remove with mode "forget": never delete it.
    if (kind === "remove" && o.mode === "forget") c.fail(`${at}.mode`, `a forget is now kind "forget"; make a new plan`);
    const source = c.optStr(o, "source", at);
    const a: Action = { kind, type, target, reason, reasonCode, observed: observed(c, o.observed, `${at}.observed`) };
    if (source !== undefined) a.source = source;
    if (linkText !== undefined) a.linkText = linkText;
    return a;
  }
  const type = c.oneOf(o, "type", LINK_TYPES, at);
  const mkdirs: string[] = [];
  if (!Array.isArray(o.mkdirs)) c.fail(`${at}.mkdirs`, "expected an array of strings");
  else
    o.mkdirs.forEach((d, i) =>
      typeof d === "string" ? mkdirs.push(d) : c.fail(`${at}.mkdirs[${i}]`, "expected a string"),
    );
  const entry = c.num(o, "entry", at);
  if (!Number.isInteger(entry) || entry < 0) c.fail(`${at}.entry`, "expected an integer ≥ 0");
  const a: LinkAction = {
    kind,
    type,
    target,
    source: c.str(o, "source", at),
    reason,
    reasonCode,
    entry,
    mkdirs,
    observed: observed(c, o.observed, `${at}.observed`),
    sourceObserved: sourceObserved(c, o.sourceObserved, `${at}.sourceObserved`, type === "symlink" || type === "junction"),
  };
  if (linkText !== undefined) a.linkText = linkText;
  if (o.name !== undefined) a.name = c.str(o, "name", at);
  if (o.resolution !== undefined) a.resolution = c.oneOf(o, "resolution", RESOLUTIONS, at);
  if (o.note !== undefined) a.note = c.str(o, "note", at);
  if (o.fixes !== undefined) {
    if (!Array.isArray(o.fixes)) c.fail(`${at}.fixes`, "expected an array of policies");
    else a.fixes = o.fixes.map((_, i) => c.oneOf(o.fixes as Obj, String(i), RESOLUTIONS, `${at}.fixes`));
  }
  if (o.requested !== undefined) a.requested = c.oneOf(o, "requested", ["auto"] as const, at);
  if (o.winner !== undefined) a.winner = c.oneOf(o, "winner", ["target", "source"] as const, at);
  if (kind === "replace" && a.resolution === undefined) c.fail(`${at}.resolution`, "a replace needs a resolution");
  return a;
}

// `selection`: the selectors a partial plan was made with, and its counts.
function planSelection(c: Checker, v: unknown): PlanSelection | undefined {
  const o = c.obj(v, "selection");
  if (!o) return undefined;
  const selectors = Array.isArray(o.selectors) && o.selectors.every((s) => typeof s === "string") ? (o.selectors as string[]) : undefined;
  if (!selectors) c.fail("selection.selectors", "expected an array of strings");
  return { selectors: selectors ?? [], selected: c.num(o, "selected", "selection"), total: c.num(o, "total", "selection") };
}

// Text of a saved plan → the Plan, or `plan-file-corrupt` diagnostics naming what is wrong.
export function parsePlanJson(text: string, file?: string): { plan: Plan } | { diagnostics: Diagnostic[] } {
  const at = file ? { file } : undefined;
  const name = file ?? "the plan";
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { diagnostics: [diag("plan-file-corrupt", `${name} is not valid JSON: ${msg}`, at)] };
  }
  const c = new Checker();
  const doc = c.obj(raw, "plan");
  if (!doc) return { diagnostics: [diag("plan-file-corrupt", `${name} is not a linkfarm plan: expected an object`, at)] };
  if (doc.formatVersion !== 1) {
    return {
      diagnostics: [
        diag("plan-file-corrupt", `${name} has formatVersion ${JSON.stringify(doc.formatVersion)}; this linkfarm reads formatVersion 1`, at),
      ],
    };
  }
  const m = c.obj(doc.manifest, "manifest") ?? {};
  const manifest = { file: c.str(m, "file", "manifest"), hash: c.str(m, "hash", "manifest") };
  const s = c.obj(doc.summary, "summary") ?? {};
  const summary = {} as Summary;
  for (const k of ACTION_KINDS) summary[k] = c.num(s, k, "summary");
  const actions: Action[] = [];
  if (!Array.isArray(doc.actions)) c.fail("actions", "expected an array");
  else doc.actions.forEach((v, i) => {
    const a = action(c, v, `actions[${i}]`);
    if (a) actions.push(a);
  });
  if (c.problems.length === 0) {
    for (const k of ACTION_KINDS) {
      const n = actions.filter((a) => a.kind === k).length;
      if (n !== summary[k]) c.fail(`summary.${k}`, `says ${summary[k]} but the plan has ${n}`);
    }
  }
  const selection = doc.selection === undefined ? undefined : planSelection(c, doc.selection);
  if (c.problems.length > 0) {
    const shown = c.problems.slice(0, 10);
    const more = c.problems.length - shown.length;
    const lines = shown.map((p) => `  ${p}`).join("\n") + (more > 0 ? `\n  ... and ${more} more` : "");
    return { diagnostics: [diag("plan-file-corrupt", `${name} is not a valid linkfarm plan:\n${lines}`, at)] };
  }
  return { plan: { formatVersion: 1, manifest, summary, actions, ...(selection ? { selection } : {}) } };
}
