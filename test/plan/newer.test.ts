// plan/newer.ts: which side is newer, compared at the coarser precision of the two times.

import { describe, expect, it } from "vitest";
import { compareMtimes, formatAge } from "../../src/plan/newer.js";

const T = 1_700_000_000_000; // a whole second, in ms

describe("compareMtimes", () => {
  it("compares two fine times exactly", () => {
    expect(compareMtimes(T + 0.5, T + 0.25)).toEqual({ side: "target", byMs: 0.25 });
    expect(compareMtimes(T + 1.5, T + 1.5)).toEqual({ side: "neither", byMs: 0 });
  });
  it("compares a whole-second time with a sub-second one at seconds", () => {
    expect(compareMtimes(T, T + 700.123)).toMatchObject({ side: "neither" });
    expect(compareMtimes(T + 1000, T + 700.123)).toEqual({ side: "target", byMs: 1000 });
  });
  it("compares a whole-millisecond time with a finer one at milliseconds", () => {
    expect(compareMtimes(T + 5, T + 5.9)).toMatchObject({ side: "neither" });
    expect(compareMtimes(T + 5, T + 6.1)).toEqual({ side: "source", byMs: 1 });
  });
});

describe("formatAge", () => {
  it("uses the largest unit that is at least 1", () => {
    expect([formatAge(250), formatAge(40_000), formatAge(180_000), formatAge(7_200_000), formatAge(3 * 86_400_000)]).toEqual([
      "250 ms",
      "40 s",
      "3 min",
      "2 h",
      "3 d",
    ]);
  });
});
