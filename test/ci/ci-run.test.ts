// CI runs the README's test command, then the deep suite, and its last summary line counts both.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";
import { accumulate, summaryLine } from "../helpers/summary-reporter.js";

describe(".ci/run", () => {
  it("runs `npm ci`, `npm test`, then `npm run test:deep`, summing their counts", () => {
    const lines = fs
      .readFileSync(path.join(REPO_ROOT, ".ci/run"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    const at = (cmd: RegExp) => lines.findIndex((l) => cmd.test(l));
    const order = [/^npm ci$/, /^export LINKFARM_SUMMARY_TOTAL=/, /^npm test\b/, /^npm run test:deep\b/].map(at);
    expect(order.every((i) => i >= 0), lines.join("\n")).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("the summary line adds each run's counts to the earlier runs' (the deep suite's line is the job's)", () => {
    const sb = sandbox();
    const file = sb.p("counts.json");
    fs.writeFileSync(file, "");
    expect(summaryLine(accumulate({ passed: 700, failed: 0, skipped: 3 }, file))).toBe("tests: 700 passed, 0 failed, 3 skipped");
    expect(summaryLine(accumulate({ passed: 6, failed: 1, skipped: 0 }, file))).toBe("tests: 706 passed, 1 failed, 3 skipped");
  });
});
