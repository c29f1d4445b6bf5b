// Run the CLI in-process (fast, for most tests) or as the built binary (for exit codes,
// stack traces and anything about the real process).

import { execFile } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../../src/cli/run.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; tty?: boolean },
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    cwd: opts.cwd,
    env: opts.env,
  });
  return { code, stdout, stderr };
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(REPO_ROOT, "dist", "cli.cjs");

/** Spawn the built bin `dist/cli.cjs` (npm test builds it first). */
export function runBin(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; input?: string },
  bin = BIN,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}
