// A fast reader for the block-YAML subset most manifests are written in: block maps and lists
// (including `- key: value` items and a list at its key's indentation), one-line plain,
// 'single' and "double" quoted scalars (\\ \" \/ \n \t escapes), one-line flow lists and maps
// (`[a, "b"]`, `{ os: [linux] }`), comments, blank lines, one leading `---`. Values follow the YAML 1.2 core schema as the full parser is configured
// (`~` stays a string). Ranges equal the `yaml` package's range[0] and range[1].
//
// Anything outside the subset — or anything that would be an error — returns undefined and the
// caller uses the full parser, which then gives the answer and the messages. A differential
// test (test/manifest/parse-yaml-fast.test.ts) holds the two parsers to the same values and
// positions.

import type { YMap, YNode, YPair, YScalar, YSeq } from "./yaml-tree.js";

export interface FastParsed {
  value: unknown;
  root: YNode;
}

/** Thrown inside the reader when the text leaves the subset; never escapes parseBlockYaml. */
class OutsideSubset extends Error {}
const bail = (): never => {
  throw new OutsideSubset();
};

interface Line {
  /** Column of the first content character (spaces before it). */
  indent: number;
  /** Offset of the first content character. */
  start: number;
  /** Offset of the line's end (its `\n`, or the text's end). */
  end: number;
  /** Offset just after the line break (what `yaml` counts as a one-line scalar's node end). */
  next: number;
}

interface Built {
  node: YNode;
  value: unknown;
  /** End of the node including its line break: `yaml`'s range[2], a collection's range[1]. */
  nodeEnd: number;
}

const CORE_NULL = /^(?:null|Null|NULL)$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]{1,15}$/;
// Other core-schema numbers (floats, exponents, octal, hex, .inf, .nan, long integers) go to
// the full parser: rare in a manifest, and exact there.
const OTHER_NUMBER =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Characters that start something other than a plain scalar (flow, anchors, tags, block
// scalars, directives, reserved).
const INDICATOR = new Set(["[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "%", "@", "`"]);
const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t" };

const quotedNode = (start: number, end: number, quote: string): YScalar => ({
  kind: "scalar",
  range: [start, end],
  style: quote === '"' ? "QUOTE_DOUBLE" : "QUOTE_SINGLE",
});

export function parseBlockYaml(text: string): FastParsed | undefined {
  // Tabs, carriage returns, a BOM, other control characters: the full parser's business.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof OutsideSubset) return undefined;
    throw err;
  }
}

// Deeper nesting than any manifest needs goes to the full parser (and its limits), not the stack.
const MAX_DEPTH = 64;

class Reader {
  private readonly lines: Line[] = [];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    let first = true;
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf("\n", start);
      if (end === -1) end = text.length;
      let c = start;
      while (text.charCodeAt(c) === 32) c++;
      const ch = text[c];
      if (c < end && ch !== "#") {
        const marker =
          c === start &&
          (text.startsWith("---", c) || text.startsWith("...", c)) &&
          (c + 3 === end || text[c + 3] === " ");
        if (marker || (c === start && ch === "%")) {
          // One `---` alone on the first content line is a plain document start.
          if (!(first && text.startsWith("---", c) && this.blankFrom(c + 3, end))) bail();
        } else {
          this.lines.push({ indent: c - start, start: c, end, next: end < text.length ? end + 1 : end });
        }
        first = false;
      }
      start = end + 1;
    }
  }

  document(): FastParsed {
    const first = this.lines[0];
    if (!first) return bail();
    const built = this.block(first.indent);
    if (this.i !== this.lines.length) bail();
    return { value: built.value, root: built.node };
  }

  // Only spaces (and maybe a comment after a space) from `at` to `end`.
  private blankFrom(at: number, end: number): boolean {
    let c = at;
    while (c < end && this.text.charCodeAt(c) === 32) c++;
    return c === end || (this.text[c] === "#" && c > at);
  }

  private isItem(l: Line): boolean {
    return this.text[l.start] === "-" && (l.start + 1 === l.end || this.text[l.start + 1] === " ");
  }

  // A block (map or list) whose first line is the current one, at `indent`.
  private block(indent: number): Built {
    const l = this.lines[this.i];
    if (!l || l.indent !== indent || ++this.depth > MAX_DEPTH) return bail();
    let built: Built;
    if (this.isItem(l)) built = this.seq(indent);
    else if (this.keyAt(l, l.start)) built = this.map(indent);
    else return bail(); // a scalar alone on its line: multi-line or a bare document
    this.depth--;
    return built;
  }

  private map(indent: number): Built {
    const pairs: YPair[] = [];
    const value: Record<string, unknown> = {};
    const first = this.lines[this.i] as Line;
    let nodeEnd = first.start;
    for (let l = this.lines[this.i]; l && l.indent === indent; l = this.lines[this.i]) {
      if (this.isItem(l)) bail(); // a list item among keys
      const k = this.keyAt(l, l.start) ?? bail();
      // A duplicate is an error; `__proto__` would set the prototype of a plain object.
      if (k.name === "__proto__" || Object.prototype.hasOwnProperty.call(value, k.name)) bail();
      const built = this.valueAfter(l, k.after, indent, true);
      pairs.push({ name: k.name, key: k.node, value: built.node });
      value[k.name] = built.value;
      nodeEnd = built.nodeEnd;
    }
    this.endOfBlock(indent);
    const node: YMap = { kind: "map", range: [first.start, nodeEnd], pairs };
    return { node, value, nodeEnd };
  }

  private seq(indent: number): Built {
    const items: YNode[] = [];
    const value: unknown[] = [];
    const first = this.lines[this.i] as Line;
    let nodeEnd = first.start;
    for (let l = this.lines[this.i]; l && l.indent === indent && this.isItem(l); l = this.lines[this.i]) {
      let c = l.start + 1;
      while (c < l.end && this.text.charCodeAt(c) === 32) c++;
      let built: Built;
      if (c < l.end && this.text[c] !== "#" && this.keyAt(l, c)) {
        // `- key: value`: a map whose indentation is the key's column.
        const col = l.indent + (c - l.start);
        this.lines[this.i] = { ...l, indent: col, start: c };
        built = this.block(col);
      } else {
        built = this.valueAfter(l, l.start + 1, indent, false);
      }
      items.push(built.node);
      value.push(built.value);
      nodeEnd = built.nodeEnd;
    }
    this.endOfBlock(indent);
    const node: YSeq = { kind: "seq", range: [first.start, nodeEnd], items };
    return { node, value, nodeEnd };
  }

  // After a block at `indent`, the next line must be shallower (or the same, for the parent).
  private endOfBlock(indent: number): void {
    const l = this.lines[this.i];
    if (l && l.indent > indent) bail();
  }

  // The value after `key:` or `-` on line `l` (from offset `at`), possibly a nested block.
  private valueAfter(l: Line, at: number, indent: number, inMap: boolean): Built {
    const text = this.text;
    let c = at;
    while (c < l.end && text.charCodeAt(c) === 32) c++;
    if (c < l.end && !(text[c] === "#" && c > at)) {
      const built = this.scalar(c, l.end, l.next);
      this.i++;
      return built;
    }
    // Nothing on this line: a nested block, a list at the key's indentation, or null.
    this.i++;
    const next = this.lines[this.i];
    if (next && next.indent > indent) return this.block(next.indent);
    if (next && inMap && next.indent === indent && this.isItem(next)) return this.seq(indent);
    // `yaml` places an empty value after the spaces that follow the indicator; a comment there
    // extends the node (and so its collection) to the line's end.
    const node: YScalar = { kind: "scalar", range: [c, c], style: "PLAIN" };
    return { node, value: null, nodeEnd: c < l.end ? l.next : c };
  }

  // `key:` at offset `at` of line `l`: the key and the offset after its colon, else undefined.
  private keyAt(l: Line, at: number): { name: string; node: YScalar; after: number } | undefined {
    const text = this.text;
    const ch = text[at] as string;
    if (ch === '"' || ch === "'") {
      const q = this.quoted(at, l.end);
      let c = q.end;
      while (c < l.end && text.charCodeAt(c) === 32) c++;
      if (text[c] !== ":" || !(c + 1 === l.end || text[c + 1] === " ")) return undefined;
      const node = quotedNode(at, q.end, ch);
      return { name: q.value, node, after: c + 1 };
    }
    // A plain key runs to the first `: ` (or `:` at the end of the line), before any ` #`.
    for (let c = at; c < l.end; c++) {
      const x = text[c];
      if (x === "#" && text[c - 1] === " ") return undefined;
      if (x === ":" && (c + 1 === l.end || text[c + 1] === " ")) {
        let e = c;
        while (e > at && text.charCodeAt(e - 1) === 32) e--;
        const name = text.slice(at, e);
        if (name === "" || !this.plainString(name) || name === "<<") bail();
        return { name, node: { kind: "scalar", range: [at, e], style: "PLAIN" }, after: c + 1 };
      }
    }
    return undefined;
  }

  // A one-line scalar from `at` to the line's `end` (a trailing comment allowed).
  private scalar(at: number, end: number, next: number): Built {
    const text = this.text;
    const ch = text[at] as string;
    if (ch === '"' || ch === "'") {
      const q = this.quoted(at, end);
      if (!this.blankFrom(q.end, end)) bail();
      const node = quotedNode(at, q.end, ch);
      return { node, value: q.value, nodeEnd: next };
    }
    if (ch === "[" || ch === "{") {
      const f = this.flow(at, end);
      if (!this.blankFrom(f.end, end)) bail();
      return { node: f.node, value: f.value, nodeEnd: next };
    }
    let e = at;
    while (e < end && !(text[e] === "#" && text[e - 1] === " ")) e++;
    while (e > at && text.charCodeAt(e - 1) === 32) e--;
    const raw = text.slice(at, e);
    // `a: b: c` (a nested compact map) is an error; `- b: c` never reaches here.
    if (raw.includes(": ") || raw.endsWith(":")) bail();
    const node: YScalar = { kind: "scalar", range: [at, e], style: "PLAIN" };
    return { node, value: this.plainValue(raw), nodeEnd: next };
  }

  // A flow collection, list or map, that closes on this line: `[a, "b"]`, `{ os: [linux] }`.
  private flow(at: number, end: number): { node: YNode; value: unknown; end: number } {
    if (++this.depth > MAX_DEPTH) bail();
    const text = this.text;
    const skip = (c: number) => {
      while (c < end && text.charCodeAt(c) === 32) c++;
      return c;
    };
    const open = text[at];
    const close = open === "[" ? "]" : "}";
    const items: YNode[] = [];
    const list: unknown[] = [];
    const pairs: YPair[] = [];
    const map: Record<string, unknown> = {};
    let c = skip(at + 1);
    if (text[c] !== close) {
      for (;;) {
        if (open === "[") {
          const item = this.flowItem(c, end);
          items.push(item.node);
          list.push(item.value);
          c = skip(item.end);
        } else {
          const key = this.flowItem(c, end, true);
          if (key.node.kind !== "scalar" || typeof key.value !== "string") return bail();
          const name = key.value;
          if (name === "__proto__" || Object.prototype.hasOwnProperty.call(map, name)) bail();
          c = key.end;
          if (text[c] !== ":" || text[c + 1] !== " ") bail();
          const value = this.flowItem(skip(c + 1), end);
          pairs.push({ name, key: key.node, value: value.node });
          map[name] = value.value;
          c = skip(value.end);
        }
        if (text[c] === close) break;
        if (text[c] !== ",") bail();
        c = skip(c + 1);
        if (text[c] === close) bail(); // a trailing comma
      }
    }
    const range = [at, c + 1] as const;
    this.depth--;
    return open === "["
      ? { node: { kind: "seq", range, items }, value: list, end: c + 1 }
      : { node: { kind: "map", range, pairs }, value: map, end: c + 1 };
  }

  // One item of a flow collection: a nested collection, a quoted or a plain scalar.
  private flowItem(at: number, end: number, isKey = false): { node: YNode; value: unknown; end: number } {
    const text = this.text;
    const ch = text[at];
    if (ch === "[" || ch === "{") {
      if (isKey) bail();
      return this.flow(at, end);
    }
    if (ch === '"' || ch === "'") {
      const q = this.quoted(at, end);
      const node = quotedNode(at, q.end, ch);
      return { node, value: q.value, end: q.end };
    }
    // A plain scalar in flow stops at a flow indicator, `: `, or the line's end.
    let c = at;
    for (; c < end; c++) {
      const x = text[c];
      if (x === "," || x === "]" || x === "}") break;
      if (x === "[" || x === "{" || (x === "#" && text[c - 1] === " ")) bail();
      if (x === ":" && (text[c + 1] === " " || text[c + 1] === "," || text[c + 1] === "]" || text[c + 1] === "}")) break;
    }
    let e = c;
    while (e > at && text.charCodeAt(e - 1) === 32) e--;
    const raw = text.slice(at, e);
    if (raw === "") bail();
    if (isKey && !this.plainString(raw)) bail();
    const node: YScalar = { kind: "scalar", range: [at, e], style: "PLAIN" };
    return { node, value: this.plainValue(raw), end: c };
  }

  // A quoted scalar that closes on this line.
  private quoted(at: number, end: number): { value: string; end: number } {
    const text = this.text;
    const q = text[at];
    let out = "";
    for (let c = at + 1; c < end; c++) {
      const x = text[c] as string;
      if (q === "'") {
        if (x !== "'") out += x;
        else if (text[c + 1] === "'") (out += "'"), c++;
        else return { value: out, end: c + 1 };
      } else if (x === "\\") {
        const esc = ESCAPES[text[c + 1] as string];
        if (esc === undefined) bail();
        out += esc;
        c++;
      } else if (x === '"') {
        return { value: out, end: c + 1 };
      } else {
        out += x;
      }
    }
    return bail(); // continues on the next line
  }

  // Could `s` be a plain scalar that resolves to a string?
  private plainString(s: string): boolean {
    const c = s[0] as string;
    if (INDICATOR.has(c) || c === "'" || c === '"') return false;
    if ((c === "-" || c === "?" || c === ":") && (s.length === 1 || s[1] === " ")) return false;
    return !(CORE_NULL.test(s) || CORE_BOOL.test(s) || CORE_INT.test(s) || OTHER_NUMBER.test(s));
  }

  private plainValue(s: string): unknown {
    if (this.plainString(s)) return s;
    if (CORE_NULL.test(s)) return null;
    if (CORE_BOOL.test(s)) return s[0] === "t" || s[0] === "T";
    if (CORE_INT.test(s)) return parseInt(s, 10);
    return bail();
  }
}
