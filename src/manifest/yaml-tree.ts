// The shape of a parsed YAML document that the Locator needs: maps, lists and scalars with
// their source ranges. Both parsers produce it: the fast path (parse-yaml-fast.ts) directly, the
// full `yaml` parser (parse-yaml-full.ts) by converting its Document. No dependency on `yaml`.

/** [start, end) offsets into the text, as the `yaml` package's `range[0]`, `range[1]`. */
export type Range = readonly [number, number];

export type ScalarStyle = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "OTHER";

export interface YScalar {
  kind: "scalar";
  range?: Range;
  style: ScalarStyle;
}

export interface YPair {
  /** The key as a string (what a path segment is compared with). */
  name: string;
  key?: YNode;
  value?: YNode;
}

export interface YMap {
  kind: "map";
  range?: Range;
  pairs: YPair[];
}

export interface YSeq {
  kind: "seq";
  range?: Range;
  items: (YNode | undefined)[];
}

export type YNode = YScalar | YMap | YSeq;

/** Offsets at which each line starts (line 1 at index 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset (what the `yaml` package's LineCounter answers). */
export function linePos(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
}
