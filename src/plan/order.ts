// A deterministic order: every action by target (byte order), then directory removals deepest
// first so that a directory goes after everything inside it. The applier groups by phase and
// orders its removals with this same function (a saved plan's order is not trusted).

import { pathDepth as depth } from "../platform/paths.js";
import type { Action } from "./types.js";

export function sortActions<A extends Action>(actions: readonly A[]): A[] {
  const dirs = actions.filter(isDirRemoval);
  // (No directory removal, the usual case: one copy of the list, sorted in place.)
  const rest = dirs.length === 0 ? actions.slice() : actions.filter((a) => !isDirRemoval(a));
  // Without surrogates, UTF-16 order is byte order and the engine's own comparison serves.
  if (rest.some((a) => SURROGATE.test(a.target))) rest.sort((a, b) => compareBytes(a.target, b.target));
  else rest.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  if (dirs.length === 0) return rest;
  dirs.sort((a, b) => depth(b.target) - depth(a.target) || compareBytes(a.target, b.target));
  return [...rest, ...dirs];
}

const SURROGATE = /[\ud800-\udfff]/;
const isDirRemoval = (a: Action) => a.kind === "remove" && a.type === "dir";

// UTF-8 byte order (= code point order) on JS strings: surrogates move above U+E000–U+FFFF.
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fix(x) - fix(y);
  }
  return a.length - b.length;
}

const fix = (c: number) => (c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);
