// The verdict cache's tests share this: a sandbox whose ancestors stay quiet, and a farm
// brought in sync with the cache written.
//
// Every ancestor of a farm is stamped, so a directory that other processes keep changing
// (os.tmpdir(), where every parallel test file makes its sandboxes) would invalidate the cache
// at once. These sandboxes live in a directory of their own test file (`tag`), kept between
// runs, under /var/tmp (the other OS temp dir, POSIX) when it exists: only that file's
// tests, one after the other, change it.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliResult } from "./cli.js";
import { sandbox, type Sandbox, type Tree } from "./sandbox.js";

export const QUIET_TMP = process.platform !== "win32" && fs.existsSync("/var/tmp") ? "/var/tmp" : os.tmpdir();

/** Trees into HOME, relative links under .config, a target named by a variable. */
export const FARM_MANIFEST = `version: 1
source: .
target: \${HOME}
links:
  - source: pkg
    target: .
    tree: true
  - source: conf
    target: .config/app
    tree: true
    relative: true
  - source: single.txt
    target: .single-\${LF_NAME:-x}
`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Past the racy window (RACY_NS = 100 ms): what changed before is trusted by the next apply. */
export const PAST_RACY_MS = 150;

export function quietSandbox(tree: Tree, tag: string): Sandbox {
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const parent = path.join(QUIET_TMP, `linkfarm-quiet-${tag}-${uid}`);
  fs.mkdirSync(parent, { recursive: true });
  return sandbox(tree, parent);
}

export type Cli = (...args: string[]) => Promise<CliResult>;

export function cliIn(sb: Sandbox, dir: string, env: () => Record<string, string> = () => sb.env): Cli {
  return (...args) => runCli(args, { cwd: sb.p(dir), env: env() });
}

/** status --json's `cache` (the verdict cache's use, or why not). */
export async function cacheUse(cli: Cli): Promise<{ used: boolean; why?: string }> {
  const r = await cli("status", "--json");
  return (JSON.parse(r.stdout) as { cache: { used: boolean; why?: string } }).cache;
}

/** apply; wait past the racy window; apply again (in sync: it writes the cache). */
export async function syncAndCache(cli: Cli, ...args: string[]): Promise<void> {
  await cli("apply", "-q", ...args);
  await sleep(PAST_RACY_MS);
  await cli("apply", "-q", ...args);
}
