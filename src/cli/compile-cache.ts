// The bin's V8 code cache (see bin.ts): where it lives, when it may be used, how it is written.
// Node built-ins only: this is bundled into dist/cli.cjs, which must stay small. The one file
// besides platform/fs.ts that uses node:fs: what it reads and writes is linkfarm's own code and
// its cache, never the farm (test/plan/purity.test.ts).

import * as fs from "node:fs";
import * as path from "node:path";
import { flagOn } from "../platform/env-flag.js";

// The commands that get a cache of their own (the cache after a `plan` holds plan's lazily
// compiled functions; `--version` must not leave plan with a cache of almost nothing).
// test/cli/compile-cache.test.ts checks this against completion/spec.ts's COMMANDS.
export const KEYED_COMMANDS: readonly string[] = [
  "plan", "apply", "status", "unlink", "validate", "init", "schema", "completion", "import", "__complete",
];

// The command a run's cache is keyed by: the first argument that names one, else "other".
export function commandKey(argv: readonly string[]): string {
  return argv.find((a) => KEYED_COMMANDS.includes(a)) ?? "other";
}

// Off when Node's own switch or ours says so.
export function cacheDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return flagOn(env.NODE_DISABLE_COMPILE_CACHE) || flagOn(env.LINKFARM_NO_COMPILE_CACHE);
}

// The per-user directory: `<tmp>/linkfarm-compile-cache-<uid>`.
export function cacheDir(tmp: string, uid: number | undefined): string {
  return path.join(tmp, `linkfarm-compile-cache${uid === undefined ? "" : `-${uid}`}`);
}

// The cache file of one bundle (its build id and length), Node, architecture and command.
export function cacheFile(dir: string, bundleId: string, command: string): string {
  return path.join(dir, `${bundleId}-${process.version}-${process.arch}-${command}.bin`);
}

// May the directory's files be loaded as code? Only a real directory (not a symlink) owned by
// this user and writable by no one else; "missing" when it does not exist yet. Off POSIX (no
// uid) the OS temp dir is already per-user.
export function dirState(dir: string, uid: number | undefined): "usable" | "missing" | "unsafe" {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unsafe";
  }
  if (!st.isDirectory()) return "unsafe";
  if (uid === undefined) return "usable";
  return st.uid === uid && (st.mode & 0o022) === 0 ? "usable" : "unsafe";
}

// The bundle's text (it must exist: the bin cannot run without it).
export function readSource(file: string): string {
  return fs.readFileSync(file, "utf8");
}

// The cached code, or undefined (none yet, unreadable, or the directory is not ours).
export function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// Write `data()` atomically (temp file + rename) into the directory, creating it 0700 first.
// Never fatal: the cache is an optimisation, any error leaves things as they were.
export function writeCache(dir: string, file: string, uid: number | undefined, data: () => Buffer): void {
  let tmp: string | undefined;
  try {
    if (dirState(dir, uid) === "missing") fs.mkdirSync(dir, { mode: 0o700 });
    if (dirState(dir, uid) !== "usable") return;
    tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data(), { mode: 0o600, flag: "wx" });
    fs.renameSync(tmp, file);
    tmp = undefined;
  } catch {
    // ignored: the next run compiles again
  } finally {
    if (tmp !== undefined) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // ignored
      }
    }
  }
}
