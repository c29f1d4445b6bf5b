// YAML (and JSON, which is YAML 1.2) → a plain value plus a Locator that maps paths back to
// line:col. Syntax errors become Diagnostics; parsing never throws on user mistakes.

import { isCollection, LineCounter, parseDocument, visit, type Tags } from "yaml";
import { diag, type Diagnostic } from "../diagnostic.js";
import { noLocator, yamlLocator, type Locator } from "./locate.js";

export type TextKind = "yaml" | "json" | "package-json";

export interface Parsed {
  /** The manifest value (for package.json: the `linkfarm` key's value). */
  value: unknown;
  locator: Locator;
  diagnostics: Diagnostic[];
}

// JSON is parsed by the YAML parser too, so that JSON manifests get line:col like YAML ones.
export function parseManifestText(text: string, file: string, kind: TextKind): Parsed {
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
  return { value, locator: yamlLocator(doc, lines, prefix), diagnostics };
}

// In YAML 1.2 a plain `~` is null; in a manifest `target: ~` means HOME (as SPEC's example
// writes it). So `~` stays a string; `null`, `Null`, `NULL` and an empty value are still null.
function tildeIsHome(tags: Tags): Tags {
  return tags.map((t) =>
    typeof t === "object" && t.tag === "tag:yaml.org,2002:null" && "test" in t
      ? { ...t, test: /^(?:null|Null|NULL)?$/ }
      : t,
  ) as Tags;
}
