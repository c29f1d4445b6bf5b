// Runs the precompiled validator (no ajv compilation at start-up) and turns each ajv error into
// one Diagnostic in the user's words, at the offending node's FILE:LINE:COL.

import { closest } from "../suggest.js";
import { diag, type Diagnostic, type DiagnosticCode } from "../diagnostic.js";
import { schema } from "./generated/schema.js";
import { validate, type AjvError } from "./generated/validate-manifest.js";
import { fileStart, type Locator, type PathSegment, type Span } from "./locate.js";

type SchemaNode = Record<string, unknown>;

/** The validator's own errors for `value` (none: it is valid). Run once, read by salvage too. */
export function schemaErrors(value: unknown): AjvError[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

// Every schema problem (`schemaErrors(value)`), all at once, in file order.
export function validateSchema(value: unknown, raw: readonly AjvError[], file: string, locator: Locator): Diagnostic[] {
  if (raw.length === 0) return [];
  const errors = dropMisspeltRequired(collapseAnyOf([...raw]), value);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const d = toDiagnostic(e, value, file, locator);
    const key = `${d.code}|${d.line}|${d.col}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** "/links/0/a~1b" → ["links", 0, "a/b"] (numbers where the data has a list). */
export function parsePointer(pointer: string, data: unknown): PathSegment[] {
  if (pointer === "") return [];
  const out: PathSegment[] = [];
  let cur = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

// ajv reports every failed branch of an anyOf. Keep what the branch whose type matched said;
// if no branch's type matched, say once which types are accepted.
function collapseAnyOf(errors: readonly AjvError[]): AjvError[] {
  const drop = new Set<AjvError>();
  const extra: AjvError[] = [];
  for (const any of errors) {
    if (any.keyword !== "anyOf") continue;
    drop.add(any);
    const P = any.instancePath;
    // ajv lists a failed anyOf's branch errors right before it; a $ref'd branch's schemaPath
    // does not start with the anyOf's, so position in the list is what ties them together.
    const before = errors.slice(0, errors.indexOf(any));
    const branchTypes = before.filter((e) => e.keyword === "type" && e.instancePath === P);
    for (const e of branchTypes) {
      drop.add(e);
      // Other complaints at P from the same (non-fitting) branch, e.g. its enum.
      const branch = e.schemaPath.slice(0, -"type".length);
      for (const o of errors) if (o.instancePath === P && o !== any && o.schemaPath.startsWith(branch)) drop.add(o);
    }
    const rest = errors.filter(
      (e) =>
        !drop.has(e) &&
        e.keyword !== "anyOf" &&
        (e.instancePath === P || e.instancePath.startsWith(P + "/")),
    );
    if (rest.length === 0) {
      const types = branchTypes.map((e) => String(e.params.type));
      extra.push({ instancePath: P, schemaPath: any.schemaPath, keyword: "type", params: { type: types.join(",") } });
    }
  }
  return [...errors.filter((e) => !drop.has(e)), ...extra];
}

// `taget: x` is one mistake: report the unknown key (with "did you mean target?"), not also a
// missing `target`.
function dropMisspeltRequired(errors: AjvError[], data: unknown): AjvError[] {
  return errors.filter((e) => {
    if (e.keyword !== "required") return true;
    const missing = String(e.params.missingProperty);
    return !errors.some(
      (o) =>
        o.keyword === "additionalProperties" &&
        o.instancePath === e.instancePath &&
        closest(String(o.params.additionalProperty), propertiesAt(parsePointer(o.instancePath, data), data), IGNORE_CASE) === missing,
    );
  });
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  array: "a list",
  object: "a map",
  integer: "a whole number",
  number: "a number",
  null: "empty",
};

function typeWords(types: string): string {
  const words = types.split(",").map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** How the user calls the node at `path`: `mkdirs`, `links` item 2, the manifest. */
function label(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return "the manifest";
  if (typeof last === "number") {
    const parent = path[path.length - 2];
    return `\`${String(parent)}\` item ${last + 1}`;
  }
  return `\`${last}\``;
}

// Manifest keys and values: a typo in case alone is as near as no typo.
const IGNORE_CASE = { ignoreCase: true } as const;

function toDiagnostic(e: AjvError, data: unknown, file: string, locator: Locator): Diagnostic {
  const path = parsePointer(e.instancePath, data);
  const where = (span: Span | undefined) => ({
    file,
    ...(span ?? (locator.hasText && path.length === 0 ? fileStart() : {})),
  });
  const make = (code: DiagnosticCode, message: string, span: Span | undefined) =>
    diag(code, message, where(span));
  const valueSpan = locator.value(path);

  switch (e.keyword) {
    case "additionalProperties": {
      const key = String(e.params.additionalProperty);
      const known = propertiesAt(path, data);
      const guess = closest(key, known, IGNORE_CASE);
      const hint = guess ? ` (did you mean "${guess}"?)` : known.length ? ` (known keys: ${known.join(", ")})` : "";
      const where = path.length === 0 ? "" : ` in ${label(path)}`;
      return make("unknown-key", `unknown key "${key}"${where}${hint}`, locator.key([...path, key]));
    }
    case "required": {
      const missing = String(e.params.missingProperty);
      const owner = path.length === 0 ? "" : ` in ${label(path)}`;
      return make("missing-key", `missing \`${missing}\`${owner}`, valueSpan ?? (locator.hasText ? fileStart() : undefined));
    }
    case "type":
      return make("wrong-type", `${label(path)} must be ${typeWords(String(e.params.type))}`, valueSpan);
    case "enum": {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const actual = valueAt(data, path);
      const guess = typeof actual === "string" ? closest(actual, allowed, IGNORE_CASE) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : "";
      return make("bad-value", `${label(path)} must be one of ${allowed.join(", ")}${hint}`, valueSpan);
    }
    case "const":
      if (path.length === 1 && path[0] === "version") {
        return make(
          "bad-version",
          `\`version\` must be 1, not ${shown(valueAt(data, path))} (this linkfarm reads manifest version 1)`,
          valueSpan,
        );
      }
      return make("bad-value", `${label(path)} must be ${JSON.stringify(e.params.allowedValue)}`, valueSpan);
    case "minLength":
      return make("bad-value", `${label(path)} must not be empty`, valueSpan);
    default:
      return make("bad-value", `${label(path)} is not valid (${e.keyword})`, valueSpan);
  }
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
  return cur;
}

// The keys the schema allows at `path`, for "did you mean". Follows $ref, items and the anyOf
// branch whose type fits the data.
function propertiesAt(path: readonly PathSegment[], data: unknown): string[] {
  let node: SchemaNode | undefined = schema;
  let cur = data;
  for (const seg of path) {
    node = pick(node, cur);
    cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[seg] : undefined;
    if (!node) return [];
    const props = node.properties as Record<string, SchemaNode> | undefined;
    if (typeof seg === "number") node = node.items as SchemaNode | undefined;
    else node = props?.[seg] ?? (typeof node.additionalProperties === "object" ? (node.additionalProperties as SchemaNode) : undefined);
  }
  node = pick(node, cur);
  return Object.keys((node?.properties as Record<string, unknown> | undefined) ?? {}).filter((k) => k !== "$schema");
}

function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  let cur: unknown = schema;
  for (const seg of ref.slice(2).split("/")) cur = (cur as Record<string, unknown> | undefined)?.[seg];
  return deref(cur as SchemaNode | undefined);
}

function pick(node: SchemaNode | undefined, data: unknown): SchemaNode | undefined {
  const n = deref(node);
  const branches = n?.anyOf as SchemaNode[] | undefined;
  if (!branches) return n;
  const want = Array.isArray(data) ? "array" : data === null ? "null" : typeof data;
  return branches.map(deref).find((b) => b?.type === want) ?? n;
}

// A value as the user wrote it: JSON, except numbers JSON cannot hold (1e400 → Infinity, not null).
function shown(v: unknown): string {
  return typeof v === "number" ? String(v) : JSON.stringify(v);
}
