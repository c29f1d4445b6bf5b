// Prints one plain closing line, "N passed, N failed, N skipped", that any CI reader understands.
// When LINKFARM_SUMMARY_TOTAL names a file, the line counts this run plus the earlier runs
// recorded there (CI runs `npm test`, then the deep suite: its last line is the whole job).
import * as fs from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

// Add `counts` to those stored in `file` (none when it is missing or empty), store the sum, return it.
export function accumulate(counts: Counts, file: string): Counts {
  let prior: Partial<Counts> = {};
  try {
    const text = fs.readFileSync(file, "utf8");
    if (text.trim() !== "") prior = JSON.parse(text) as Partial<Counts>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const sum: Counts = {
    passed: counts.passed + (prior.passed ?? 0),
    failed: counts.failed + (prior.failed ?? 0),
    skipped: counts.skipped + (prior.skipped ?? 0),
  };
  fs.writeFileSync(file, JSON.stringify(sum) + "\n");
  return sum;
}

export function summaryLine(c: Counts): string {
  return `tests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let c: Counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      if (mod.state() === "failed" && [...mod.children.allTests()].length === 0) c.failed++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") c.passed++;
        else if (state === "failed") c.failed++;
        else c.skipped++;
      }
    }
    const total = process.env.LINKFARM_SUMMARY_TOTAL;
    if (total) c = accumulate(c, total);
    process.stdout.write(`\n${summaryLine(c)}\n`);
  }
}
