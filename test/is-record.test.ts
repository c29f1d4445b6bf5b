import { describe, expect, it } from "vitest";
import { isRecord } from "../src/is-record.js";

describe("isRecord", () => {
  it("is true for a map and false for an array, null and scalars", () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord({})).toBe(true);
    for (const v of [[], null, undefined, "x", 1, true]) expect(isRecord(v)).toBe(false);
  });
});
