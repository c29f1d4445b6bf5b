// Thin shell: discover → read → parse → validate (schema) → resolve (expand, defaults) → rules.
// A schema problem skips only what it makes meaningless: the rest goes on to the later stages.
// Returns { manifest, diagnostics } when valid (diagnostics may hold warnings), or
// { diagnostics } with at least one error. Never throws on user mistakes.

import { diag, hasErrors, inFileOrder, type Diagnostic } from "../diagnostic.js";
import { errnoCode, realFsRead, type FsRead } from "../platform/fs.js";
import { sha256Hex } from "../platform/sha256.js";
import { discover, type ConfigKind } from "./discover.js";
import { ignoredManifestsWarning, otherManifests } from "./ignored.js";
import { noLocator, type Locator } from "./locate.js";
import { importJsConfig } from "./parse-js.js";
import { parseManifestText } from "./parse-yaml.js";
import { resolveManifest, toPos } from "./resolve.js";
import { checkRules } from "./rules.js";
import { salvage } from "./salvage.js";
import type { HostFacts, Manifest } from "./types.js";
import { schemaErrors, validateSchema } from "./validate-schema.js";

export interface LoadOptions {
  /** Directory to search upward from. */
  cwd: string;
  /** -c FILE: use this file instead of searching. */
  config?: string;
  host: HostFacts;
  /** Defaults to the real file system (read-only). */
  fs?: FsRead;
}

export type LoadResult =
  | { manifest: Manifest; diagnostics: Diagnostic[]; sources: Map<string, string>; file?: string }
  | {
      manifest?: undefined;
      diagnostics: Diagnostic[];
      sources: Map<string, string>;
      /** The manifest file, when one was found. */
      file?: string;
    };

/** A manifest found and read, not yet parsed: what `loadManifest` starts from. */
export interface Located {
  file: string;
  kind: ConfigKind;
  bytes: Buffer;
  /** sha256 of the bytes (hex): the manifest's `hash`. */
  hash: string;
  /** "Several manifests here: this one was used" (a warning), when others sit beside it. */
  notes: Diagnostic[];
}

export type LocateResult = { located: Located } | { diagnostics: Diagnostic[]; file?: string };

// discover → the file, its kind and bytes (no parsing): loadManifest's first step, and all the
// verdict cache's text key needs (pipeline/verdict.ts).
export async function locateManifest(options: LoadOptions): Promise<LocateResult> {
  const fs = options.fs ?? realFsRead;
  const found = await discover({ cwd: options.cwd, config: options.config, home: options.host.home, fs });
  if (!found.found) return { diagnostics: found.diagnostics };
  const { kind, filepath: file } = found.found;
  const others = options.config === undefined ? otherManifests(file, fs) : [];
  const notes = others.length > 0 ? [ignoredManifestsWarning(file, others)] : [];
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    return { diagnostics: [...notes, diag("config-unreadable", `cannot read ${file}: ${errnoCode(err) ?? String(err)}`, { file })], file };
  }
  return { located: { file, kind, bytes, hash: sha256Hex(bytes), notes } };
}

/** A YAML or JSON manifest's text as parsed (UTF-8, a byte order mark dropped). */
export function manifestText(bytes: Buffer): string {
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

export async function loadManifest(options: LoadOptions, pre?: LocateResult): Promise<LoadResult> {
  const sources = new Map<string, string>();
  const where = pre ?? (await locateManifest(options));
  if (!("located" in where)) return { diagnostics: inFileOrder(where.diagnostics), sources, ...(where.file ? { file: where.file } : {}) };
  const { file, kind, bytes, hash, notes } = where.located;
  // Which manifest was used when others sit beside it: said with every outcome.
  const fail = (diagnostics: Diagnostic[]): LoadResult => ({ diagnostics: inFileOrder([...notes, ...diagnostics]), sources, file });

  // parse
  let value: unknown;
  let locator: Locator = noLocator;
  if (kind === "js") {
    const r = await importJsConfig(file, hash.slice(0, 12));
    if (r.diagnostics.length > 0) return fail(r.diagnostics);
    value = r.value;
  } else {
    const text = manifestText(bytes);
    sources.set(file, text);
    const r = await parseManifestText(text, file, kind);
    if (hasErrors(r.diagnostics)) return fail(r.diagnostics);
    value = r.value;
    locator = r.locator;
  }

  // validate; what is individually valid goes on, so that one run reports every problem
  const errors = schemaErrors(value);
  const schemaProblems = validateSchema(value, errors, file, locator);
  const salvaged = salvage(value, errors);
  if (!salvaged) return fail(schemaProblems);
  const raw = salvaged.raw;

  // normalize
  const resolved = resolveManifest(raw, { file, hash, host: options.host, locator, skip: salvaged.skip });

  // rules
  const problems = checkRules(resolved.manifest, {
    home: options.host.home,
    os: options.host.os,
    rootsUnknown: salvaged.rootDropped || resolved.rootUnset,
    ...(raw.target !== undefined ? { targetRootPos: toPos(file, locator.value(["target"])) } : {}),
    ...(raw.source !== undefined ? { sourceRootPos: toPos(file, locator.value(["source"])) } : {}),
  });
  const diagnostics = inFileOrder([...notes, ...schemaProblems, ...resolved.diagnostics, ...problems]);
  if (hasErrors(diagnostics)) return { diagnostics, sources, file };
  return { manifest: resolved.manifest, diagnostics, sources, file };
}
