// Shared checks for hostile file system tests: a failure is exit 1, names the path and the
// cause, and carries no stack trace.

import { expect } from "vitest";
import type { CliResult } from "./cli.js";

export function expectNoStack(r: CliResult): void {
  expect(r.stderr).not.toMatch(/internal error/);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

// exit 1, no stack trace, and the output mentions every one of `mentions` (a path, a cause).
export function expectCleanFailure(r: CliResult, ...mentions: (string | RegExp)[]): void {
  expectNoStack(r);
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
  const out = `${r.stdout}\n${r.stderr}`;
  for (const m of mentions) {
    if (typeof m === "string") expect(out).toContain(m);
    else expect(out).toMatch(m);
  }
}
