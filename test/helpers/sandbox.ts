// Real temp directories built from literal trees; removed after each test.
//
//   const sb = await sandbox({ "repo/bash/.bashrc": "export A=1\n", "home/.x": { symlink: "/nope" } });
//
// Keys are paths relative to the sandbox root. Values: file content (string or Buffer),
// { symlink: text }, { hardlink: "other/rel/path" } (created after files), { dir: true }.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onTestFinished } from "vitest";

export type Entry = string | Buffer | { symlink: string } | { hardlink: string } | { dir: true };
export type Tree = Record<string, Entry>;

export interface Sandbox {
  root: string;
  /** HOME for the test: `<root>/home`. */
  home: string;
  /** LINKFARM_STATE_DIR for the test: `<root>/state`. */
  stateDir: string;
  /** Environment with HOME and LINKFARM_STATE_DIR pointing into the sandbox. */
  env: Record<string, string>;
  p(rel: string): string;
  write(tree: Tree): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  readlink(rel: string): string;
  ino(rel: string): number;
  snapshot(): Snapshot;
}

export type SnapshotEntry =
  | { kind: "file"; ino: number; nlink: number; sha: string }
  | { kind: "dir" }
  | { kind: "symlink"; text: string }
  | { kind: "other" };
export type Snapshot = Record<string, SnapshotEntry>;

export function writeTree(root: string, tree: Tree): void {
  const later: [string, string][] = [];
  // On Windows a symlink is a file or a directory symlink, chosen by Node from what its text
  // points at when it is made: make symlinks after the files and directories they may point at.
  const symlinksLater: [string, string][] = [];
  for (const [rel, entry] of Object.entries(tree)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof entry === "string" || Buffer.isBuffer(entry)) fs.writeFileSync(abs, entry);
    else if ("symlink" in entry && process.platform === "win32") symlinksLater.push([entry.symlink, abs]);
    else if ("symlink" in entry) fs.symlinkSync(entry.symlink, abs);
    else if ("hardlink" in entry) later.push([abs, path.join(root, entry.hardlink)]);
    else fs.mkdirSync(abs, { recursive: true });
  }
  for (const [text, abs] of symlinksLater) fs.symlinkSync(text, abs);
  for (const [abs, existing] of later) fs.linkSync(existing, abs);
}

// Keys are relative paths with `/` on every platform (so that tests can name them portably).
export function snapshotTree(root: string): Snapshot {
  const out: Snapshot = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs).split(path.sep).join("/");
      // The verdict cache is derived data, not the farm or its state: an in-sync apply may write
      // it (README, "Verdict cache"); test/observe/verdict-cache.test.ts checks it.
      if (name.endsWith(".json.cache")) continue;
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out[rel] = { kind: "symlink", text: fs.readlinkSync(abs) };
      else if (st.isDirectory()) {
        out[rel] = { kind: "dir" };
        walk(abs);
      } else if (st.isFile()) {
        const sha = createHash("sha256").update(fs.readFileSync(abs)).digest("hex");
        out[rel] = { kind: "file", ino: st.ino, nlink: st.nlink, sha };
      } else out[rel] = { kind: "other" };
    }
  };
  walk(root);
  return out;
}

/** Every content hash present in a snapshot (for "the bytes are still somewhere"). */
export function contentHashes(snap: Snapshot): Set<string> {
  const s = new Set<string>();
  for (const e of Object.values(snap)) if (e.kind === "file") s.add(e.sha);
  return s;
}

// A new directory under the OS temp dir, by its real path: on macOS the temp folder is behind a
// symlink; on Windows it may be an 8.3 short name (`C:\Users\RUNNER~1\...`), which only the
// native realpath (the one linkfarm uses) expands.
export function tempRoot(prefix: string, parent: string = os.tmpdir()): string {
  const made = fs.mkdtempSync(path.join(parent, prefix));
  return process.platform === "win32" ? fs.realpathSync.native(made) : fs.realpathSync(made);
}

// What a child process needs on Windows besides PATH (the shell, the temp dir, the system).
const WINDOWS_ENV = ["SystemRoot", "windir", "ComSpec", "PATHEXT", "TEMP", "TMP"];
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
  if (process.platform !== "win32") return env;
  for (const k of WINDOWS_ENV) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return env;
}

// `parent`: where the sandbox is made (default: the OS temp dir).
export function sandbox(tree: Tree = {}, parent?: string): Sandbox {
  const root = tempRoot("linkfarm-test-", parent);
  const home = path.join(root, "home");
  const stateDir = path.join(root, "state");
  fs.mkdirSync(home);
  onTestFinished(() => {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  });
  writeTree(root, tree);
  const p = (rel: string) => path.join(root, rel);
  return {
    root,
    home,
    stateDir,
    env: { HOME: home, LINKFARM_STATE_DIR: stateDir, ...baseEnv() },
    p,
    write: (t) => writeTree(root, t),
    read: (rel) => fs.readFileSync(p(rel), "utf8"),
    exists: (rel) => {
      try {
        fs.lstatSync(p(rel));
        return true;
      } catch {
        return false;
      }
    },
    readlink: (rel) => fs.readlinkSync(p(rel)),
    ino: (rel) => fs.lstatSync(p(rel)).ino,
    snapshot: () => snapshotTree(root),
  };
}
