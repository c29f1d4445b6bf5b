import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../src/suggest.js";

describe("closest", () => {
  it("names the nearest candidate within a typo's distance, and nothing when none is near", () => {
    expect(closest("aply", ["apply", "plan", "status"])).toBe("apply");
    expect(closest("zzzzzz", ["apply", "plan"])).toBeUndefined();
  });

  it("compares case as written unless asked to ignore it (manifest keys)", () => {
    expect(editDistance("SOURCE", "source")).toBe(6);
    expect(closest("SOURCE", ["source", "target"])).toBeUndefined();
    expect(closest("SOURCE", ["source", "target"], { ignoreCase: true })).toBe("source");
  });
});
