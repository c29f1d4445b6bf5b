// After a schema problem, the parts of the manifest that are still individually valid, so that
// the later stages (variables, duplicates, target in source) report their problems in the same
// run. A bad `links` entry is skipped (by its index or map key, so positions stay right); a bad
// root key is dropped (the built-in default stands in). Nothing is salvaged from a manifest of
// another `version` (its format is not this one's) or one that is not a map at all.

import { isRecord } from "../is-record.js";
import { validate, type AjvError } from "./generated/validate-manifest.js";
import type { PathSegment } from "./locate.js";
import type { RawManifest } from "./types.js";
import { parsePointer } from "./validate-schema.js";

export interface Salvaged {
  /** Schema-valid, except that `links` may still hold the skipped entries. */
  raw: RawManifest;
  /** `links` entries to leave out: list indices, or targets in the map form. */
  skip: ReadonlySet<PathSegment>;
  /** `source:` or `target:` was dropped: rules that compare against the roots mean nothing. */
  rootDropped: boolean;
}

// `errors`: the validator's errors for `value` (schemaErrors), none when it is valid.
export function salvage(value: unknown, errors: readonly AjvError[]): Salvaged | undefined {
  if (!isRecord(value)) return undefined;
  if (errors.length === 0) return { raw: value as unknown as RawManifest, skip: new Set(), rootDropped: false };
  const copy: Record<string, unknown> = { ...value };
  const links = value.links;
  const skip = new Set<PathSegment>();
  for (const e of errors) {
    const at = parsePointer(e.instancePath, value);
    const [top, item] = at;
    if (top === undefined) {
      if (e.keyword === "additionalProperties") delete copy[String(e.params.additionalProperty)];
      else if (e.keyword === "required") copy.version = 1;
      else return undefined;
    } else if (top === "version") {
      return undefined;
    } else if (top === "links" && (Array.isArray(links) || isRecord(links))) {
      // Errors at `links` itself are the anyOf's other branch; the entry's own errors say which.
      if (item !== undefined) skip.add(item);
    } else {
      delete copy[String(top)];
    }
  }
  const kept = Array.isArray(links)
    ? links.filter((_, i) => !skip.has(i))
    : isRecord(links)
      ? Object.fromEntries(Object.entries(links).filter(([k]) => !skip.has(k)))
      : undefined;
  if (kept !== undefined && !validate({ ...copy, links: kept })) return undefined;
  if (kept === undefined && !validate(copy)) return undefined;
  return {
    raw: copy as unknown as RawManifest,
    skip,
    rootDropped: ["source", "target"].some((k) => k in value && !(k in copy)),
  };
}
