// `conflict: newer`: which of two regular files has the newer modification time. The one rule,
// used by the planner (fixes, the reason), the applier (which side it keeps) and `status`. Pure.

import { isProbed } from "../observe/listed-source.js";
import type { Observed, SourceObserved } from "../observe/types.js";

/** The side whose content wins, or neither (equal times at the coarser precision of the two). */
export type NewerSide = "target" | "source" | "neither";

export interface NewerVerdict {
  side: NewerSide;
  /** How much newer the winner is, in ms, at the precision compared (0 for neither). */
  byMs: number;
}

// The precision an mtime was stored with: a whole-second value (FAT/exFAT, HFS+, many sync
// clients and archives) says nothing below the second; a whole-millisecond one nothing below
// the millisecond; anything else is taken as exact.
function precisionMs(t: number): number {
  if (t % 1000 === 0) return 1000;
  return Number.isInteger(t) ? 1 : 0;
}

// Compare at the coarser precision of the two: 12:00:00 (whole seconds) and 12:00:00.700 are
// equal, so neither side is newer; 12:00:01 is newer than 12:00:00.700.
export function compareMtimes(targetMs: number, sourceMs: number): NewerVerdict {
  const p = Math.max(precisionMs(targetMs), precisionMs(sourceMs));
  const t = p > 0 ? Math.floor(targetMs / p) * p : targetMs;
  const s = p > 0 ? Math.floor(sourceMs / p) * p : sourceMs;
  if (t === s) return { side: "neither", byMs: 0 };
  return t > s ? { side: "target", byMs: t - s } : { side: "source", byMs: s - t };
}

// undefined when `newer` cannot decide at all: it needs two regular files.
export function newerOf(target: Observed, source: SourceObserved): NewerVerdict | undefined {
  if (target.kind !== "file" || source.kind !== "file" || !isProbed(source)) return undefined;
  return compareMtimes(target.mtimeMs, source.mtimeMs);
}

// "3 min", "2 h", "5 d", "40 s", "250 ms": the largest unit that is at least 1, rounded.
export function formatAge(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  for (const [size, name] of units) if (ms >= size) return `${Math.round(ms / size)} ${name}`;
  return `${Math.round(ms)} ms`;
}

// "target newer by 3 min" (display only).
export function newerPhrase(v: NewerVerdict): string {
  return v.side === "neither" ? "neither side is newer" : `${v.side} newer by ${formatAge(v.byMs)}`;
}

// What a `newer` replace will do, after the conflict's own reason (display only).
export function newerResolution(v: NewerVerdict): string {
  switch (v.side) {
    case "target":
      return `${newerPhrase(v)} (changed at the target): will write it into the source, backing up the source's content`;
    case "source":
      return `${newerPhrase(v)} (changed at the source): will back up the target and link it`;
    case "neither":
      return newerPhrase(v);
  }
}
