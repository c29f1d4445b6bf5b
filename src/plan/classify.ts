// (desired link, what is at its target, what state says linkfarm made there) → one action.
// Errors first (the link cannot be made), then by what is at the target; conflicts are then
// resolved by the link's policy (or --conflict). Pure.

import type { ConflictPolicy } from "../manifest/types.js";
import type { ConcreteLink, DesiredLink, TargetObservation } from "../observe/types.js";
import { platformFor } from "../platform/platform.js";
import type { StateLink } from "../state/types.js";
import { fixesFor, refusal } from "./fixes.js";
import { newerOf, newerResolution } from "./newer.js";
import { desiredLinkText, realParentOf, realTargetOf } from "../observe/link-text.js";
import { isProbed } from "../observe/listed-source.js";
import { reasonText, withResolution, type ReasonFacts } from "./reasons.js";
import type { LinkAction, ReasonCode } from "./types.js";
import { assertNever } from "../assert.js";

export interface ClassifyContext {
  /** manifest.sourceRoot and its real path: symlinks into it are ours, targets into it are errors. */
  sourceRoot: string;
  sourceRootReal: string;
  /** The platform the plan is for ("linux", "darwin", "win32"): its path rules (platformFor). */
  platform: string;
  /** --conflict: overrides every link's own policy. */
  conflict?: ConflictPolicy;
}

interface Verdict {
  kind: "ok" | "create" | "repair" | "conflict" | "error";
  code: ReasonCode;
  facts?: ReasonFacts;
}

// One LinkAction per desired link; the reason text comes from reasons.ts.
export function classify(
  d: ConcreteLink,
  t: TargetObservation,
  e: StateLink | undefined,
  ctx: ClassifyContext,
): LinkAction {
  const wanted = desiredLinkText(d, t.parent, platformFor(ctx.platform).path);
  // A link in place holds these very bytes: one copy of the text, not two.
  const linkText = t.observed.kind === "symlink" && t.observed.text === wanted ? t.observed.text : wanted;
  // Shared with the parent's observation (one array per directory, not per link): read only.
  const mkdirs = d.mkdirs ? t.parent.missing : [];
  // (Two literals, not a spread: the keys in this order, and no object per link to throw away.)
  const { target, type, source, entry } = d;
  const { observed, source: sourceObserved } = t;
  const action: LinkAction =
    linkText !== undefined
      ? { kind: "ok", target, reasonCode: "in-place", reason: "", type, source, linkText, entry, observed, sourceObserved, mkdirs }
      : { kind: "ok", target, reasonCode: "in-place", reason: "", type, source, entry, observed, sourceObserved, mkdirs };
  // A junction always stores an absolute path; elsewhere it is made as a directory symlink.
  if (d.type === "junction") {
    if (!platformFor(ctx.platform).hasJunctions) action.note = `junction made as a directory symlink on ${ctx.platform}`;
    else if (d.relative) action.note = "relative ignored: a junction stores an absolute path";
  }
  const v = errorOf(d, t, ctx) ?? verdictOf(d, t, e, linkText, ctx);
  action.kind = v.kind;
  action.reasonCode = v.code;
  action.reason = reasonText(v.code, v.facts);
  if (v.kind === "conflict") resolve(action, ctx.conflict ?? d.conflict);
  return action;
}

// The link cannot be made at all, whatever is at the target: the first of these checks that
// fails, in this order (each code and its text: plan/reasons.ts; the kinds: README.md → Plan kinds).
function errorOf(d: DesiredLink, t: TargetObservation, ctx: ClassifyContext): Verdict | undefined {
  const s = t.source;
  const p = t.parent;
  const error = (code: ReasonCode, facts: ReasonFacts): Verdict => ({ kind: "error", code, facts });
  const { path, same, isInside } = platformFor(ctx.platform);
  if (d.noMatch) return error("glob-no-match", { source: d.source, noMatch: d.noMatch });
  if (s.kind === "missing") return error("source-missing", { source: d.source });
  if (s.kind === "other") return error("source-not-file-or-dir", { source: d.source });
  // A hard link to a symlink is not portable (link(2) follows it on some systems) and not meant.
  if (d.type === "hardlink" && s.kind === "symlink") return error("hardlink-to-symlink-source", { source: d.source, text: s.text });
  if (d.type === "hardlink" && s.kind === "dir") return error("hardlink-to-dir", { source: d.source });
  // A junction holds a path that Windows follows: through a symlink source, it must lead to a directory.
  if (d.type === "junction" && (s.kind === "file" || (s.kind === "symlink" && s.to !== "dir")))
    return error("junction-to-file", { source: d.source });
  if (p.blockedBy) return error("parent-not-directory", { path: p.blockedBy, ...(p.blockedWhy ? { blocked: p.blockedWhy } : {}) });
  if (p.missing.length > 0 && !d.mkdirs) return error("parent-missing", { path: p.missing[0] });
  const real = realTargetOf(d.target, p, path);
  // A symlink source: the link would be the very thing it points at (a loop), or its own source.
  const resolved = s.kind === "symlink" ? s.resolved : undefined;
  if (same(real, s.realpath) || (resolved !== undefined && same(real, resolved)))
    return error("target-is-source", { path: real });
  const sourceDir = s.kind === "dir" ? s.realpath : s.kind === "symlink" && s.to === "dir" ? resolved : undefined;
  if ((sourceDir !== undefined && isInside(real, sourceDir)) || isInside(real, ctx.sourceRootReal))
    return error("into-source-tree", { path: real });
  if (d.type === "hardlink" && isProbed(s) && s.dev !== p.dev)
    return error("cross-device", { mounts: t.mounts ?? { source: s.realpath, target: p.existing } });
  return undefined;
}

// What is at the target decides between ok, create, repair and conflict.
function verdictOf(
  d: DesiredLink,
  t: TargetObservation,
  e: StateLink | undefined,
  linkText: string | undefined,
  ctx: ClassifyContext,
): Verdict {
  const o = t.observed;
  // A file at the target never leaves the source listed (observe.ts listedAs): it is probed.
  const s = isProbed(t.source) ? t.source : undefined;
  switch (o.kind) {
    case "missing":
      return { kind: "create", code: "missing" };
    case "symlink": {
      const { path, sameLinkText, sameLinkMeaning } = platformFor(ctx.platform);
      // The kernel reads a relative text from the directory the link really lives in (worked
      // out only when the texts differ: most links in place hold the very text).
      if (
        linkText !== undefined &&
        (sameLinkText(o.text, linkText) || sameLinkMeaning(o.text, linkText, realParentOf(d.target, t.parent, path)))
      )
        return { kind: "ok", code: "in-place" };
      const facts = { text: o.text, wanted: linkText };
      const dangling = t.resolved?.kind === "missing";
      // Someone else's symlink is information (dangling: a NAS not mounted now): keep it.
      if (!isOurs(o.text, d, e, ctx))
        return { kind: "conflict", code: dangling ? "foreign-dangling-symlink" : "foreign-symlink", facts };
      if (dangling) return { kind: "repair", code: "dangling", facts };
      return d.type === "hardlink"
        ? { kind: "repair", code: "symlink-to-hardlink", facts }
        : { kind: "repair", code: "wrong-target", facts };
    }
    case "file": {
      const sameInode = s?.kind === "file" && o.dev === s.dev && o.ino === s.ino;
      if (sameInode) {
        return d.type === "hardlink"
          ? { kind: "ok", code: "in-place" }
          : { kind: "repair", code: "hardlink-to-symlink" };
      }
      if (e?.ino !== undefined) {
        const targetIsRecorded = o.ino === e.ino && (e.dev === undefined || o.dev === e.dev);
        if (!targetIsRecorded) {
          return t.sameContent
            ? { kind: "repair", code: "editor-replaced-same-content" }
            : { kind: "conflict", code: "diverged" };
        }
        if (s?.kind === "file" && s.ino !== e.ino) {
          return t.sameContent
            ? { kind: "repair", code: "source-replaced-same-content" }
            : { kind: "conflict", code: "source-replaced-diverged" };
        }
      }
      return t.sameContent
        ? { kind: "repair", code: "identical-file" }
        : { kind: "conflict", code: "different-content" };
    }
    case "dir":
      return t.dirEmpty === true
        ? { kind: "conflict", code: "directory" }
        : { kind: "conflict", code: "nonempty-directory" };
    case "other":
      return { kind: "conflict", code: "special-file", facts: { what: o.what } };
    default:
      return assertNever(o);
  }
}

// Ours: state recorded this exact text, or the text leads to the source itself, into the
// source root, or into its real path.
function isOurs(text: string, d: DesiredLink, e: StateLink | undefined, ctx: ClassifyContext): boolean {
  const { path, same, isInside, plain, sameLinkMeaning } = platformFor(ctx.platform);
  const dir = path.dirname(d.target);
  if (e && e.type !== "hardlink" && e.linkText !== undefined && sameLinkMeaning(text, e.linkText, dir)) return true;
  const to = path.resolve(dir, plain(text));
  return same(to, d.source) || isInside(to, ctx.sourceRoot) || isInside(to, ctx.sourceRootReal);
}

// Apply the conflict policy (plan/fixes.ts decides which policies resolve it): the conflict
// carries every policy that would; the link's own policy turns it into a replace when it does.
function resolve(action: LinkAction, policy: ConflictPolicy): void {
  const no = policy === "fail" ? undefined : refusal(policy, action);
  if (policy === "fail" || no) {
    // Still a conflict: it carries its fixes (decided before the refusal rewrites its reason).
    action.fixes = fixesFor(action);
    if (no?.code) action.reasonCode = no.code;
    if (no) action.reason = no.reason;
    return;
  }
  action.kind = "replace";
  action.resolution = policy;
  const v = policy === "newer" ? newerOf(action.observed, action.sourceObserved) : undefined;
  if (v && v.side !== "neither") action.winner = v.side;
  action.reason = withResolution(action.reason, policy, v && newerResolution(v));
}
