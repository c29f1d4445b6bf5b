// The Wine tier must never make CI flaky: where Wine cannot be had it says why and passes.
// (The tier itself runs from .ci/run: node scripts/wine-tier.mjs.)

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { winPath } from "./wine.mjs";

describe.skipIf(posixOnly("the Wine tier runs Wine on Linux and maps Linux paths"))("the Wine tier", () => {
  it("without wine on PATH it prints 'wine tier: skipped: WHY' and exits 0", () => {
    const cache = mkdtempSync(join(tmpdir(), "lf-wine-"));
    const r = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "wine-tier.mjs")], {
      encoding: "utf8",
      // An empty PATH directory: no wine, no sh, no npm (node itself is run by its full path).
      env: { PATH: mkdtempSync(join(tmpdir(), "lf-path-")), LINKFARM_WINE_CACHE: cache },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wine tier: skipped: \S/);
  });

  it("names Linux paths as Wine drives: below drive_c → C:\\, elsewhere → Z:\\", () => {
    const w = { driveC: "/x/prefix/drive_c" };
    expect(winPath(w, "/x/prefix/drive_c/users/Me/a.txt")).toBe("C:\\users\\Me\\a.txt");
    expect(winPath(w, "/work/repo/dist/cli.js")).toBe("Z:\\work\\repo\\dist\\cli.js");
  });
});
