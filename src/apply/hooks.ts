// Hooks: shell commands from the manifest, run by apply only. execa is imported lazily: it is
// heavy, and most runs change nothing and run no hook.

import type { Hook } from "../manifest/types.js";
import type { HookRun, HookRunner } from "./types.js";

// The default runner: the command through the shell, in the manifest's directory, output captured.
export function execaRunner(env?: Readonly<Record<string, string | undefined>>): HookRunner {
  return async (command, cwd) => {
    const { execa } = await import("execa");
    const r = await execa(command, {
      shell: true,
      cwd,
      reject: false,
      all: true,
      stdin: "ignore",
      ...(env ? { env: env as Record<string, string>, extendEnv: false } : {}),
    });
    const exitCode = typeof r.exitCode === "number" ? r.exitCode : r.failed ? 1 : 0;
    const output = typeof r.all === "string" ? r.all : "";
    return { command, exitCode, output: r.signal ? `${output}\n(killed by ${r.signal})`.trim() : output };
  };
}

// Run hooks in order, each in its own `cwd` or else in `cwd`; stop at the first that fails.
export async function runHooks(
  hooks: readonly Hook[],
  cwd: string,
  runner: HookRunner,
): Promise<{ ran: HookRun[]; failed?: HookRun }> {
  const ran: HookRun[] = [];
  for (const hook of hooks) {
    const command = typeof hook === "string" ? hook : hook.run;
    let r: HookRun;
    try {
      r = await runner(command, typeof hook === "string" ? cwd : hook.cwd);
    } catch (err) {
      r = { command, exitCode: 1, output: err instanceof Error ? err.message : String(err) };
    }
    ran.push(r);
    if (r.exitCode !== 0) return { ran, failed: r };
  }
  return { ran };
}
