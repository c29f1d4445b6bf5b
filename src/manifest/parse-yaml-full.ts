// The full YAML parser (the `yaml` package), for whatever the fast path (parse-yaml-fast.ts)
// leaves: JSON, flow collections, anchors, block scalars, tags, syntax errors. Loaded on demand.
// Syntax errors become Diagnostics; parsing never throws on user mistakes.

import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Tags,
} from "yaml";
import { diag, type Diagnostic } from "../diagnostic.js";
import { noLocator, treeLocator } from "./locate.js";
import type { Parsed, TextKind } from "./parse-yaml.js";
import type { ScalarStyle, YNode, YPair } from "./yaml-tree.js";

// JSON is parsed by the YAML parser too, so that JSON manifests get line:col like YAML ones.
export function parseWithYaml(text: string, file: string, kind: TextKind): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    customTags: tildeIsHome,
    // Warnings would go to process.emitWarning, i.e. raw "(node:PID) Warning:" lines on
    // stderr; what they warn about (a collection as a key) is reported below instead.
    logLevel: "error",
  });
  const code = kind === "yaml" ? "yaml-syntax" : "json-syntax";
  const label = kind === "yaml" ? "YAML" : "JSON";
  const diagnostics: Diagnostic[] = [];
  // After the first syntax error the parser's recovery produces follow-on errors that confuse
  // more than help; duplicate keys are independent of each other, so all of those are kept.
  const errors = doc.errors.filter((e, i) => i === 0 || e.code === "DUPLICATE_KEY");
  for (const e of errors) {
    const { line, col } = lines.linePos(e.pos[0]);
    diagnostics.push(
      diag(code, `${label} syntax error: ${e.message}`, {
        file,
        line,
        col,
        offset: e.pos[0],
        length: Math.max(1, e.pos[1] - e.pos[0]),
      }),
    );
  }
  if (diagnostics.length > 0) return { value: undefined, locator: noLocator, diagnostics };
  // A list or map used as a key would be stringified into a key (or a target path) silently.
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key) || !pair.key.range) return;
      const { line, col } = lines.linePos(pair.key.range[0]);
      const [start, end] = pair.key.range;
      diagnostics.push(
        diag(code, `${label} syntax error: a key must be a plain value, not a list or map`, {
          file,
          line,
          col,
          offset: start,
          length: Math.max(1, end - start),
        }),
      );
    },
  });
  if (diagnostics.length > 0) return { value: undefined, locator: noLocator, diagnostics };

  const prefix = kind === "package-json" ? ["linkfarm"] : [];
  let value: unknown;
  try {
    const js = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    value = kind === "package-json" ? (js as Record<string, unknown> | null)?.linkfarm : js;
  } catch (err) {
    // toJS throws on alias bombs ("Excessive alias count").
    const message = err instanceof Error ? err.message : String(err);
    return { value: undefined, locator: noLocator, diagnostics: [diag(code, `${label}: ${message}`, { file })] };
  }
  return { value, locator: treeLocator(treeOf(doc), lines.lineStarts, prefix), diagnostics };
}

const STYLES = new Set<string>(["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"]);

// The Document as the Locator's tree. Aliases become the node they name (converted once, so an
// alias bomb stays linear).
function treeOf(doc: Document): YNode | undefined {
  const seen = new Map<unknown, YNode>();
  const conv = (raw: unknown): YNode | undefined => {
    const node = isAlias(raw) ? raw.resolve(doc) : raw;
    if (node === undefined || node === null) return undefined;
    const known = seen.get(node);
    if (known) return known;
    const range = (node as { range?: [number, number, number] | null }).range;
    const r = range ? ([range[0], range[1]] as const) : undefined;
    if (isMap(node)) {
      const pairs: YPair[] = [];
      const out: YNode = { kind: "map", ...(r ? { range: r } : {}), pairs };
      seen.set(node, out);
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = isAlias(p.key) ? p.key.resolve(doc) : p.key;
        const key = conv(p.key);
        const value = conv(p.value);
        pairs.push({ name: String(isScalar(k) ? k.value : k), ...(key ? { key } : {}), ...(value ? { value } : {}) });
      }
      return out;
    }
    if (isSeq(node)) {
      const items: (YNode | undefined)[] = [];
      const out: YNode = { kind: "seq", ...(r ? { range: r } : {}), items };
      seen.set(node, out);
      for (const item of node.items) items.push(conv(item));
      return out;
    }
    const type = isScalar(node) ? String(node.type) : "";
    const out: YNode = { kind: "scalar", ...(r ? { range: r } : {}), style: (STYLES.has(type) ? type : "OTHER") as ScalarStyle };
    seen.set(node, out);
    return out;
  };
  return conv(doc.contents);
}

// In YAML 1.2 a plain `~` is null; in a manifest `target: ~` means HOME (as README.md's example
// manifest writes it). So `~` stays a string; `null`, `Null`, `NULL` and an empty value are still null.
function tildeIsHome(tags: Tags): Tags {
  return tags.map((t) =>
    typeof t === "object" && t.tag === "tag:yaml.org,2002:null" && "test" in t
      ? { ...t, test: /^(?:null|Null|NULL)?$/ }
      : t,
  ) as Tags;
}
