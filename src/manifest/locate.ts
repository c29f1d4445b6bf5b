// Instance paths (from the schema validator, or from our own walk of the raw value) → a span in
// the manifest file, so that every problem prints as FILE:LINE:COL with a caret.

import { linePos, type YNode } from "./yaml-tree.js";

/** A place in the file: 1-based line and column, 0-based offset and a length for the caret. */
export interface Span {
  line: number;
  col: number;
  offset: number;
  length: number;
}

export type PathSegment = string | number;

// Finds nodes of the parsed manifest. JS configs have no source text: every lookup is undefined.
export interface Locator {
  /** False for JS configs: there is no text to point into. */
  hasText: boolean;
  /** The value at `path` (the object itself for the root path []). */
  value(path: readonly PathSegment[]): Span | undefined;
  /** The key of the pair at `path` (falls back to the value for list items). */
  key(path: readonly PathSegment[]): Span | undefined;
  /** Character `index` of the string value at `path`, accounting for quotes. */
  charOf(path: readonly PathSegment[], index: number): Span | undefined;
}

export const noLocator: Locator = {
  hasText: false,
  value: () => undefined,
  key: () => undefined,
  charOf: () => undefined,
};

interface Found {
  key?: YNode | undefined;
  value?: YNode | undefined;
}

// `root` is the parsed document (either parser's tree); `starts` its line starts; `prefix` is
// where the manifest lives in the document: [] for YAML, ["linkfarm"] for package.json.
export function treeLocator(
  root: YNode | undefined,
  starts: readonly number[],
  prefix: readonly PathSegment[] = [],
): Locator {
  const find = (path: readonly PathSegment[]): Found | undefined => {
    let found: Found = { value: root };
    for (const seg of [...prefix, ...path]) {
      const node = found.value;
      if (node?.kind === "map") {
        const name = String(seg);
        const pair = node.pairs.find((p) => p.name === name);
        if (!pair) return undefined;
        found = { key: pair.key, value: pair.value };
      } else if (node?.kind === "seq") {
        const item = node.items[Number(seg)];
        if (item === undefined) return undefined;
        found = { value: item };
      } else {
        return undefined;
      }
    }
    return found;
  };

  const at = (offset: number, length = 1): Span => {
    const { line, col } = linePos(starts, offset);
    return { line, col, offset, length };
  };

  const span = (node: YNode | undefined): Span | undefined => {
    const range = node?.range;
    if (!range) return undefined;
    const [start, end] = range;
    return at(start, Math.max(1, end - start));
  };

  return {
    hasText: true,
    value(path) {
      const f = find(path);
      if (!f) return undefined;
      // `source:` with nothing after it has a null scalar with an empty range: point at the key.
      return span(f.value) ?? span(f.key);
    },
    key(path) {
      const f = find(path);
      return f ? (span(f.key) ?? span(f.value)) : undefined;
    },
    charOf(path, index) {
      const f = find(path);
      const node = f?.value;
      if (!node || node.kind !== "scalar" || !node.range) return span(node);
      const start = node.range[0];
      switch (node.style) {
        case "PLAIN":
          return at(start + index);
        case "QUOTE_DOUBLE":
        case "QUOTE_SINGLE":
          // Exact unless an escape sequence comes before `index`; close enough for a caret.
          return at(start + 1 + index);
        default:
          return span(node);
      }
    },
  };
}

/** Span of the first character of the file, for problems about the whole manifest. */
export function fileStart(): Span {
  return { line: 1, col: 1, offset: 0, length: 1 };
}
