// Every test/fixtures/manifests/bad-*.yaml declares its expected problems on line 1:
//   # expect: LINE:COL code[, LINE:COL code ...]
// and loading it must report exactly those, in file order, in one run: a schema problem in one
// entry does not hide an unset variable or a duplicate target in others.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadManifest } from "../../src/manifest/load.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

const DIR = path.join(REPO_ROOT, "test", "fixtures", "manifests");
const fixtures = fs.readdirSync(DIR).filter((f) => /^bad-.*\.ya?ml$/.test(f)).sort();

function expected(file: string): { line: number; col: number; code: string }[] {
  const first = fs.readFileSync(path.join(DIR, file), "utf8").split("\n")[0] ?? "";
  const m = /^# expect: (.*)$/.exec(first);
  if (!m) throw new Error(`${file}: line 1 must be "# expect: LINE:COL code, ..."`);
  return m[1]!.split(",").map((part) => {
    const [pos, code] = part.trim().split(/\s+/);
    const [line, col] = pos!.split(":").map(Number);
    return { line: line!, col: col!, code: code! };
  });
}

describe("every manifest problem is reported as FILE:LINE:COL with its code", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures)("%s", async (name) => {
    const sb = sandbox();
    const file = path.join(DIR, name);
    const result = await loadManifest({
      cwd: sb.root,
      config: file,
      host: { os: process.platform, hostname: "box", home: sb.home, env: { HOME: sb.home } },
    });
    expect(result.manifest).toBeUndefined();
    // Already in file order, each problem once: the loader sorts and de-duplicates.
    const got = result.diagnostics.map((d) => ({ line: d.line, col: d.col, code: d.code, file: d.file }));
    expect(got).toEqual(expected(name).map((e) => ({ ...e, file })));
  });
});
