// symlinkRights: read, never tried. The Developer Mode reader is passed in, so each Windows
// branch runs on any machine.

import { describe, expect, it } from "vitest";
import { symlinkRights } from "../../src/platform/host.js";

const never = () => {
  throw new Error("the registry must not be read here");
};

describe("symlinkRights", () => {
  it("is allowed off Windows, without reading anything", () => {
    expect(symlinkRights({ os: "linux", env: {} }, never)).toBe("allowed");
    expect(symlinkRights({ os: "darwin", env: {} }, never)).toBe("allowed");
  });

  it("on Windows: allowed with Developer Mode on, unknown when off or unreadable", () => {
    expect(symlinkRights({ os: "win32", env: {} }, () => true)).toBe("allowed");
    expect(symlinkRights({ os: "win32", env: {} }, () => false)).toBe("unknown");
    expect(symlinkRights({ os: "win32", env: {} }, () => undefined)).toBe("unknown");
  });

  it("LINKFARM_SYMLINKS decides when it holds a known value", () => {
    expect(symlinkRights({ os: "win32", env: { LINKFARM_SYMLINKS: "refused" } }, never)).toBe("refused");
    expect(symlinkRights({ os: "linux", env: { LINKFARM_SYMLINKS: "unknown" } }, never)).toBe("unknown");
    expect(symlinkRights({ os: "linux", env: { LINKFARM_SYMLINKS: "yes" } }, never)).toBe("allowed");
  });
});
