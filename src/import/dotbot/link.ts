// One dotbot `link` item (destination → source or options), with the `defaults` in force →
// linkfarm entries plus notes. Semantics from dotbot's README ("Link") and plugins/link.py.

import { isRecord } from "../../is-record.js";
import type { FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { ImportNote, OutLink } from "../model.js";
import { expandGlob, hasGlobChars, planGlob } from "./glob.js";
import { conditionToWhen } from "./condition.js";

const KNOWN = new Set([
  "path", "type", "create", "relink", "force", "relative", "canonicalize", "canonicalize-path",
  "if", "ignore-missing", "glob", "exclude", "prefix",
]);

export interface LinkContext {
  fs: FsRead;
  /** dotbot's base directory (the configuration's directory), real path. */
  baseDir: string;
  note: (level: ImportNote["level"], message: string) => void;
  /** Adds a manifest-wide ignore glob (for `exclude` and hidden names under `**`). */
  ignore: (glob: string) => void;
}

type Opts = Record<string, unknown>;

// dotbot's _default_source: the destination's basename without a leading ".".
export function defaultSource(dest: string): string {
  const base = dest.replace(/\/+$/, "").split("/").pop() ?? "";
  return base.startsWith(".") ? base.slice(1) : base;
}

export function translateLink(dest: string, value: unknown, defaults: Opts, ctx: LinkContext): OutLink[] {
  const own: Opts = isRecord(value) ? (value as Opts) : {};
  if (value !== null && typeof value !== "string" && own !== value) {
    ctx.note("dropped", `link ${dest}: expected a source path or a map of options`);
    return [];
  }
  for (const k of Object.keys(own)) if (!KNOWN.has(k)) ctx.note("changed", `link option ${k} is not a dotbot option; ignored`);
  const o: Opts = { ...defaults, ...own };
  const rawPath = typeof value === "string" ? value : typeof own.path === "string" ? own.path : null;
  // An empty string is the base directory itself (normpath("") is "."); null derives the name.
  const src = normalise(rawPath === null ? defaultSource(dest) : rawPath);

  const type = o.type ?? "symlink";
  if (type !== "symlink" && type !== "hardlink") {
    ctx.note("dropped", `link ${dest}: type ${String(type)} is not symlink or hardlink`);
    return [];
  }
  const base: Omit<OutLink, "source" | "target"> = {
    type,
    relative: o.relative === true,
    mkdirs: o.create === true,
    conflict: o.force === true ? "backup" : "fail",
  };
  if (o.force === true) {
    ctx.note("changed", "force: dotbot deleted what was in the way (a directory recursively); linkfarm renames it to TARGET.linkfarm-bak instead (conflict: backup)");
  }
  if (o.relink === true) {
    ctx.note("changed", "relink: linkfarm re-points its own links and links into the dotfiles directory anyway, dangling or not; any other symlink in the way, dangling too, is now a conflict");
  }
  if (o["ignore-missing"] === true) {
    base.optional = true;
    ctx.note("changed", "ignore-missing: dotbot made the link even when its source was missing; linkfarm skips such a link until the source exists (optional: true)");
  }
  if (o.canonicalize === false || o["canonicalize-path"] === false) {
    ctx.note("info", "canonicalize: false has no counterpart; linkfarm writes the source root as given");
  }
  const comments: string[] = [];
  if (typeof o.if === "string") {
    const when = conditionToWhen(o.if);
    if (when) {
      base.when = when;
      ctx.note("info", `if: ${o.if} became when: { os: ${String(when.os)} }`);
    } else {
      comments.push(`dotbot if: ${o.if}`);
      ctx.note("changed", `if: ${o.if} is a shell test; linkfarm conditions are declarative (when: os/host/env), so the link is kept unconditionally with the test as a comment`);
    }
  }
  const withComments = (l: OutLink): OutLink => (comments.length > 0 ? { ...l, comments } : l);
  const target = dest.replace(/\/+$/, "");
  const useGlob = o.glob === true && hasGlobChars(src);
  if (!useGlob) {
    if (hasGlobChars(src)) {
      ctx.note("dropped", `link ${dest}: source ${src} has glob characters but glob is false; linkfarm would read it as a glob`);
      return [];
    }
    return [withComments({ source: src, target: targetText(target, ctx), ...base })];
  }

  const exclude = Array.isArray(o.exclude) ? o.exclude.filter((e): e is string => typeof e === "string").map(normalise) : [];
  const prefix = typeof o.prefix === "string" ? o.prefix : "";
  const plan = planGlob(src, prefix);
  switch (plan.kind) {
    case "tree":
      for (const e of exclude) ctx.ignore(e);
      ctx.ignore(`${plan.dir}/**/.*`);
      noteExclude(exclude, ctx);
      return [withComments({ source: plan.dir, target: targetText(target, ctx), tree: true, ...base })];
    case "glob":
      for (const e of exclude) ctx.ignore(e);
      noteExclude(exclude, ctx);
      return [withComments({ source: src, target: targetText(target, ctx) + "/", ...base })];
    case "expand": {
      const matches = expandGlob(ctx.fs, ctx.baseDir, src, exclude, prefix);
      ctx.note("changed", `link ${dest}: glob ${src} expanded to today's ${matches.length} match(es) (${plan.why}); new files will not be linked`);
      return matches.map((m) => withComments({ source: m.source, target: targetText(`${target}/${m.item}`, ctx), ...base }));
    }
  }
}

function noteExclude(exclude: readonly string[], ctx: LinkContext): void {
  if (exclude.length > 0) ctx.note("changed", "exclude: became manifest-wide `ignore` globs (they apply to every tree and glob entry)");
}

// os.path.normpath for a relative posix path: "" → ".", "a//b/./c/" → "a/b/c".
function normalise(p: string): string {
  return path.posix.normalize(p === "" ? "." : p).replace(/\/+$/, "") || ".";
}

// dotbot resolves a relative destination against its base directory; linkfarm against HOME.
function targetText(dest: string, ctx: LinkContext): string {
  if (dest.startsWith("~") || dest.startsWith("$") || path.isAbsolute(dest)) return dest;
  ctx.note("info", `relative destinations are relative to the dotfiles directory in dotbot; written as absolute paths`);
  return path.join(ctx.baseDir, dest);
}
