// Regressions of manifest fuzzing (seed 4242, path 2500:18:18): a bad manifest with a
// 5,000-entry flow list on one line made `validate` end in "internal error: RangeError: Invalid
// string length" (every problem echoed the whole 190 KB line). What is echoed is capped now.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { diag } from "../../src/diagnostic.js";
import { EXCERPT_WIDTH, MAX_SHOWN, formatDiagnostics } from "../../src/report/diagnostics.js";
import { runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";
import { BASES, mutate, type Mutation } from "../helpers/mutate.js";

describe("a bad manifest is never an internal error, however large", () => {
  it("the fuzz counterexample: validate and plan exit 1 with a bounded, clean report", async () => {
    const ms: Mutation[] = [
      { op: "value", line: 563, value: 41 },
      { op: "value", line: 0, value: 0 },
    ];
    const text = ms.reduce(mutate, BASES["anchors.yaml"]!);
    const sb = sandbox({ "repo/anchors.yaml": text });
    for (const cmd of ["validate", "plan"]) {
      const r = await runCli([cmd, "-c", "anchors.yaml"], { cwd: sb.p("repo"), env: sb.env });
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(1);
      expect(r.stderr.split("\n")[0]).toMatch(/anchors\.yaml:1:10: /);
      expect(r.stderr.length).toBeLessThan(100_000);
    }
    fs.rmSync(sb.root, { recursive: true, force: true });
  });

  it("many problems: the first MAX_SHOWN in file order, then how many more", async () => {
    const n = MAX_SHOWN + 37;
    const links = Array.from({ length: n }, (_, i) => `  - { source: s${i}, target: t${i}, bogus${i}: 1 }`).join("\n");
    const sb = sandbox({ "repo/linkfarm.yaml": `version: 1\nlinks:\n${links}\n` });
    const r = await runCli(["validate"], { cwd: sb.p("repo"), env: sb.env });
    expect(r.code).toBe(1);
    const heads = r.stderr.split("\n").filter((l) => /^linkfarm\.yaml:\d+:\d+: /.test(l));
    expect(heads).toHaveLength(MAX_SHOWN);
    expect(heads[0]).toMatch(/^linkfarm\.yaml:3:/);
    expect(r.stderr).toContain(`… and 37 more problems`);
    // --json is the command's product: every diagnostic is there.
    const j = await runCli(["validate", "--json"], { cwd: sb.p("repo"), env: sb.env });
    expect(JSON.parse(j.stdout).diagnostics).toHaveLength(n);
  });

  it("a long line is shown as an excerpt around the column, the caret under the right character", () => {
    const line = `${"a".repeat(50_000)}BAD${"b".repeat(50_000)}`;
    const file = "/m/linkfarm.yaml";
    const out = formatDiagnostics([diag("bad-value", "x".repeat(10_000), { file, line: 2, col: 50_001, length: 3 })], {
      color: false,
      sources: new Map([[file, `version: 1\n${line}\n`]]),
    });
    const [head, src, caret] = out.split("\n");
    expect(head!.length).toBeLessThan(1000);
    expect(src!.length).toBeLessThanOrEqual(EXCERPT_WIDTH + 4);
    expect(src!.startsWith("  …") && src!.endsWith("…")).toBe(true);
    const at = caret!.indexOf("^");
    expect(src!.slice(at, at + 3)).toBe("BAD");
    expect(caret!.slice(at)).toBe("^^^");
  });
});
