// A dotbot configuration (YAML or JSON) → its tasks as plain values, each with positions for
// notes. Parsed as YAML 1.1, as dotbot's PyYAML does (`yes`/`on` are booleans, `~` is null).

import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";

export interface Pos {
  line: number;
  col: number;
}

export interface Entry {
  key: string;
  keyPos: Pos;
  value: unknown;
  /** The value's node, to find positions inside it. */
  node: Node | null;
}

export interface Parsed {
  /** One list of (directive, data) per task, in order. */
  tasks: Entry[][];
  errors: { message: string; pos?: Pos }[];
  /** Positions of a map node's pairs, in order. */
  pairs(node: Node | null): Entry[];
  pos(node: Node | null | undefined): Pos | undefined;
}

export function parseDotbot(text: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: "1.1", prettyErrors: false });
  const pos = (node: Node | null | undefined): Pos | undefined =>
    node?.range ? lines.linePos(node.range[0]) : undefined;
  const pairs = (node: Node | null): Entry[] => {
    if (!isMap(node)) return [];
    const out: Entry[] = [];
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const k = p.key as Node | null;
      const key = isScalar(k) ? String(k.value) : String(k);
      const v = (p.value ?? null) as Node | null;
      out.push({ key, keyPos: pos(k) ?? { line: 0, col: 0 }, value: toJs(v), node: v });
    }
    return out;
  };
  const errors: Parsed["errors"] = doc.errors
    .slice(0, 1)
    .map((e) => ({ message: `syntax error: ${e.message}`, pos: lines.linePos(e.pos[0]) }));
  if (errors.length > 0) return { tasks: [], errors, pairs, pos };
  const root = doc.contents as Node | null;
  if (root === null) return { tasks: [], errors: [], pairs, pos };
  if (!isSeq(root)) {
    return { tasks: [], errors: [{ message: "a dotbot configuration is a list of tasks", ...at(pos(root)) }], pairs, pos };
  }
  const tasks: Entry[][] = [];
  for (const item of root.items) {
    const n = item as Node | null;
    if (!isMap(n)) {
      errors.push({ message: "a dotbot task is a map of directive to data", ...at(pos(n)) });
      continue;
    }
    tasks.push(pairs(n));
  }
  return { tasks, errors, pairs, pos };
}

function toJs(node: Node | null): unknown {
  if (node === null) return null;
  return (node as { toJSON(): unknown }).toJSON();
}

const at = (p: Pos | undefined) => (p ? { pos: p } : {});
