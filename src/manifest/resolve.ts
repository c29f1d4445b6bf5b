// Schema-valid raw manifest → Manifest: map form to entries, defaults filled in, variables
// expanded, paths made absolute against the roots. Pure: host facts and positions come in.

import { diag, type Diagnostic } from "../diagnostic.js";
import { path } from "../platform/paths.js";
import { expandVars } from "./expand-vars.js";
import { defaultEntryName } from "./entry-name.js";
import { isGlobSource } from "./glob-syntax.js";
import type { Locator, PathSegment, Span } from "./locate.js";
import type {
  ConflictPolicy,
  Hook,
  HostFacts,
  LinkEntry,
  RequestedType,
  Manifest,
  RawHook,
  RawLink,
  RawManifest,
  RawWhen,
  SourcePos,
  When,
} from "./types.js";

/** Used when the manifest has no `ignore` key. */
export const DEFAULT_IGNORE: readonly string[] = ["**/.git/**", "**/.DS_Store"];

export const DEFAULT_OPTIONS: { type: RequestedType; relative: boolean; mkdirs: boolean; conflict: ConflictPolicy; glob: boolean } = {
  type: "symlink",
  relative: false,
  mkdirs: true,
  conflict: "fail",
  glob: true,
};

export interface ResolveContext {
  /** Absolute path of the manifest file. */
  file: string;
  /** sha256 hex of the file's bytes. */
  hash: string;
  host: HostFacts;
  locator: Locator;
  /** `links` entries to leave out (list indices or map-form targets): their schema was wrong. */
  skip?: ReadonlySet<PathSegment>;
}

/** A position in the manifest; line 0 means "unknown" (JS configs have no source text). */
export function toPos(file: string, span: Span | undefined): SourcePos {
  return { file, line: span?.line ?? 0, col: span?.col ?? 0 };
}

// The manifest of every entry whose paths expanded, and the unset variables, each at its `$`.
// An entry with an unset variable is left out; a root with one falls back to its default, and
// `rootUnset` says so (rules comparing against the roots then mean nothing).
export function resolveManifest(
  raw: RawManifest,
  ctx: ResolveContext,
): { manifest: Manifest; diagnostics: Diagnostic[]; rootUnset: boolean } {
  const { file, host, locator } = ctx;
  const dir = path.dirname(file);
  const diagnostics: Diagnostic[] = [];

  const expand = (value: string, at: PathSegment[], where: "value" | "key" = "value"): string | undefined => {
    const r = expandVars(value, host.env, host.home);
    if (r.ok) return r.value;
    const span = where === "value" ? locator.charOf(at, r.index) : locator.key(at);
    diagnostics.push(
      diag("unset-variable", `variable $${r.variable} is not set (use \${${r.variable}:-default} for a fallback)`, {
        file,
        ...(span ? { line: span.line, col: span.col, offset: span.offset, length: r.variable.length + 1 } : {}),
      }),
    );
    return undefined;
  };

  const sourceText = raw.source === undefined ? undefined : expand(raw.source, ["source"]);
  const targetText = raw.target === undefined ? undefined : expand(raw.target, ["target"]);
  const sourceRoot = path.resolve(dir, sourceText ?? ".");
  const targetRoot = targetText === undefined ? path.resolve(host.home) : path.resolve(dir, targetText);
  const defaults = { ...DEFAULT_OPTIONS, ...stripUndefined(raw.defaults ?? {}) };

  const links: LinkEntry[] = [];
  for (const item of rawLinks(raw, locator)) {
    if (ctx.skip?.has(item.key)) continue;
    const src = expand(item.link.source, item.sourceAt);
    const tgt = expand(item.link.target, item.targetAt, item.targetIsKey ? "key" : "value");
    if (src === undefined || tgt === undefined) continue;
    const l = item.link;
    const entry: LinkEntry = {
      index: item.index,
      source: path.resolve(sourceRoot, src),
      sourceIsGlob: isGlobSource(src, l.glob ?? defaults.glob),
      target: path.resolve(targetRoot, tgt),
      targetIsDir: tgt.endsWith("/") || tgt.endsWith(path.sep),
      type: l.type ?? defaults.type,
      relative: l.relative ?? defaults.relative,
      mkdirs: l.mkdirs ?? defaults.mkdirs,
      conflict: l.conflict ?? defaults.conflict,
      tree: l.tree ?? false,
      optional: l.optional ?? false,
      pos: toPos(file, item.pos),
      sourcePos: toPos(file, locator.value(item.sourceAt)),
      targetPos: toPos(file, item.targetIsKey ? locator.key(item.targetAt) : locator.value(item.targetAt)),
    };
    entry.name = l.name ?? defaultEntryName(entry.source, entry.sourceIsGlob);
    if (l.when) entry.when = normaliseWhen(l.when);
    links.push(entry);
  }
  // A hook's `cwd` (variables expanded) is relative to the manifest's directory.
  const hooks = { before: [] as Hook[], after: [] as Hook[] };
  for (const when of ["before", "after"] as const) {
    (raw.hooks?.[when] ?? []).forEach((h: RawHook, i) => {
      if (typeof h === "string" || h.cwd === undefined) return void hooks[when].push(typeof h === "string" ? h : h.run);
      const cwd = expand(h.cwd, ["hooks", when, i, "cwd"]);
      if (cwd !== undefined) hooks[when].push({ run: h.run, cwd: path.resolve(dir, cwd) });
    });
  }

  return {
    rootUnset: (raw.source !== undefined && sourceText === undefined) || (raw.target !== undefined && targetText === undefined),
    manifest: {
      file,
      dir,
      hash: ctx.hash,
      version: 1,
      sourceRoot,
      targetRoot,
      ignore: raw.ignore ?? [...DEFAULT_IGNORE],
      prune: raw.prune ?? true,
      hooks,
      links,
    },
    diagnostics,
  };
}

interface RawItem {
  /** Position in `links` (0-based). */
  index: number;
  link: RawLink;
  pos: Span | undefined;
  sourceAt: PathSegment[];
  targetAt: PathSegment[];
  /** Map form: the target is the key. */
  targetIsKey: boolean;
  /** The list index, or the map key: what a skip set names. */
  key: PathSegment;
}

// Both forms as one list: `links: [{source, target}]` and `links: {target: source}`.
function rawLinks(raw: RawManifest, locator: Locator): RawItem[] {
  const links = raw.links;
  if (links === undefined || links === null) return [];
  if (Array.isArray(links)) {
    return links.map((link, i) => ({
      index: i,
      link,
      pos: locator.value(["links", i]),
      sourceAt: ["links", i, "source"],
      targetAt: ["links", i, "target"],
      targetIsKey: false,
      key: i,
    }));
  }
  return Object.entries(links).map(([target, source], i) => ({
    index: i,
    link: { source, target },
    pos: locator.key(["links", target]),
    sourceAt: ["links", target],
    targetAt: ["links", target],
    targetIsKey: true,
    key: target,
  }));
}

/**
 * Lists everywhere. `env: NAME` and `env: [NAME, ...]` mean "set and non-empty", stored as the
 * glob "*" per name (see When.env); match values with picomatch `{ bash: true }` or an equivalent
 * so that `*` also matches values containing `/`.
 */
export function normaliseWhen(raw: RawWhen): When {
  const when: When = {};
  if (raw.os !== undefined) when.os = typeof raw.os === "string" ? [raw.os] : [...raw.os];
  if (raw.host !== undefined) when.host = typeof raw.host === "string" ? [raw.host] : [...raw.host];
  if (raw.env !== undefined) {
    if (typeof raw.env === "string") when.env = { [raw.env]: "*" };
    else if (Array.isArray(raw.env)) when.env = Object.fromEntries(raw.env.map((n) => [n, "*"]));
    else when.env = { ...raw.env };
  }
  return when;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
