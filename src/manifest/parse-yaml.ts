// YAML (and JSON, which is YAML 1.2) → a plain value plus a Locator that maps paths back to
// line:col. Syntax errors become Diagnostics; parsing never throws on user mistakes.
//
// Most manifests are plain block YAML (maps, lists, one-line scalars, comments). The fast path
// reads exactly that subset, with the same values and positions as the `yaml` package, in a
// fraction of its time; anything else (JSON, flow collections, anchors, block scalars, tags,
// every error) goes to the `yaml` package, loaded only then.

import type { Diagnostic } from "../diagnostic.js";
import { treeLocator, type Locator } from "./locate.js";
import { parseBlockYaml } from "./parse-yaml-fast.js";
import { lineStarts } from "./yaml-tree.js";

export type TextKind = "yaml" | "json" | "package-json";

export interface Parsed {
  /** The manifest value (for package.json: the `linkfarm` key's value). */
  value: unknown;
  locator: Locator;
  diagnostics: Diagnostic[];
}

export async function parseManifestText(text: string, file: string, kind: TextKind): Promise<Parsed> {
  if (kind === "yaml") {
    const fast = parseBlockYaml(text);
    if (fast) return { value: fast.value, locator: treeLocator(fast.root, lineStarts(text)), diagnostics: [] };
  }
  const { parseWithYaml } = await import("./parse-yaml-full.js");
  return parseWithYaml(text, file, kind);
}
