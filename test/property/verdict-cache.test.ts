// Property (issue #16, budget 2): once an in-sync apply wrote the verdict cache, random
// sequences of what users, editors and programs do to targets, sources, their ancestors and
// the environment leave every output of plan, apply and status EQUAL to the output with
// --no-cache, after every single step. Steps follow each other within the same clock tick
// unless the sequence waits. Real disk. LINKFARM_CACHE_RUNS sets the number of cases.

import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Sandbox } from "../helpers/sandbox.js";
import { FARM_MANIFEST, cacheUse, cliIn, quietSandbox, sleep, syncAndCache, PAST_RACY_MS, type Cli } from "../helpers/verdict.js";

const RUNS = Number(process.env.LINKFARM_CACHE_RUNS ?? (process.env.LINKFARM_DEEP ? 200 : 30));
const SEED = Number(process.env.LINKFARM_SEED ?? 20261202);

const MANIFEST = `${FARM_MANIFEST}  - source: extra.txt
    target: .extra
    when:
      env: LF_EXTRA
`;

// The sources lie deeper than the targets: `src` and `src/deep` are ancestors of the sources
// only (no target's parent chain passes through them).
const DOTS = "src/deep/dots";
const TREE = Object.fromEntries(
  Object.entries({
    "linkfarm.yaml": MANIFEST,
    "pkg/.a": "a\n",
    "pkg/.b": "b\n",
    "pkg/sub/c": "c\n",
    "conf/x.toml": "x\n",
    "conf/y.toml": "y\n",
    "single.txt": "s\n",
    "extra.txt": "e\n",
  }).map(([k, v]) => [`${DOTS}/${k}`, v]),
);

// Paths the steps act on: targets (under home), sources (under dots), directories of either.
const TARGETS = [".a", ".b", "sub/c", ".config/app/x.toml", ".config/app/y.toml", ".single-x"];
const SOURCES = ["pkg/.a", "pkg/sub/c", "conf/x.toml", "single.txt"];
const DIRS = ["home", "home/sub", "home/.config", "home/.config/app", `${DOTS}/pkg`, `${DOTS}/pkg/sub`, `${DOTS}/conf`];
// Ancestors that can be moved away and replaced by a symlink to where they went.
const ANCESTORS = ["home/.config", "home/sub", `${DOTS}/conf`, `${DOTS}/pkg`, "src/deep", "src"];

type Step =
  | { op: "editor-save" | "delete" | "repoint" | "same-text-new-inode" | "chmod-link" | "touch-link"; t: number }
  | { op: "replace-dir" | "touch-dir" | "chmod-dir" | "add-file" | "remove-added"; d: number }
  | { op: "edit-in-place" | "delete-source" | "editor-save-source" | "chmod-source"; s: number }
  | { op: "move-ancestor-symlink" | "move-ancestor-deeper"; a: number }
  | { op: "env-name" | "env-extra"; v: boolean }
  | { op: "apply" | "sync" | "wait" };

const stepArb = fc.oneof(
  fc.record({ op: fc.constantFrom("editor-save", "delete", "repoint", "same-text-new-inode", "chmod-link", "touch-link" as const), t: fc.nat(TARGETS.length - 1) }),
  fc.record({ op: fc.constantFrom("replace-dir", "touch-dir", "chmod-dir", "add-file", "remove-added" as const), d: fc.nat(DIRS.length - 1) }),
  fc.record({ op: fc.constantFrom("edit-in-place", "delete-source", "editor-save-source", "chmod-source" as const), s: fc.nat(SOURCES.length - 1) }),
  fc.record({ op: fc.constantFrom("move-ancestor-symlink", "move-ancestor-deeper" as const), a: fc.nat(ANCESTORS.length - 1) }),
  fc.record({ op: fc.constantFrom("env-name", "env-extra" as const), v: fc.boolean() }),
  fc.record({ op: fc.constantFrom("apply", "sync", "wait" as const) }),
) as fc.Arbitrary<Step>;

// The same names in a fresh directory at the same path (new inode; symlinks keep their text).
function replaceDir(dir: string): void {
  const old = `${dir}.old`;
  fs.renameSync(dir, old);
  fs.cpSync(old, dir, { recursive: true, verbatimSymlinks: true });
  fs.rmSync(old, { recursive: true });
}

// A step may find its path gone after an earlier one: it is then a no-op.
const tolerate = (f: () => void) => {
  try {
    f();
  } catch {
    // nothing to act on
  }
};

interface World {
  sb: Sandbox;
  env: Record<string, string>;
  cli: Cli;
  moved: number;
}

function saveByRename(file: string, text: string): void {
  fs.writeFileSync(`${file}.swp`, text);
  fs.renameSync(`${file}.swp`, file);
}

async function act(w: World, s: Step): Promise<void> {
  const p = (rel: string) => w.sb.p(rel);
  const home = (r: string) => p(`home/${r}`);
  switch (s.op) {
    case "editor-save":
      return tolerate(() => saveByRename(home(TARGETS[s.t]!), "edited\n"));
    case "delete":
      return tolerate(() => fs.unlinkSync(home(TARGETS[s.t]!)));
    case "repoint":
      return tolerate(() => {
        fs.symlinkSync(p(`${DOTS}/extra.txt`), `${home(TARGETS[s.t]!)}.new`);
        fs.renameSync(`${home(TARGETS[s.t]!)}.new`, home(TARGETS[s.t]!));
      });
    case "same-text-new-inode":
      return tolerate(() => {
        fs.symlinkSync(fs.readlinkSync(home(TARGETS[s.t]!)), `${home(TARGETS[s.t]!)}.new`);
        fs.renameSync(`${home(TARGETS[s.t]!)}.new`, home(TARGETS[s.t]!));
      });
    case "chmod-link":
      return tolerate(() => fs.chmodSync(home(TARGETS[s.t]!), 0o600));
    case "touch-link":
      return tolerate(() => fs.lutimesSync(home(TARGETS[s.t]!), new Date(), new Date()));
    case "replace-dir":
      return tolerate(() => replaceDir(p(DIRS[s.d]!)));
    case "touch-dir":
      return tolerate(() => fs.utimesSync(p(DIRS[s.d]!), new Date(0), new Date(0)));
    case "chmod-dir":
      return tolerate(() => fs.chmodSync(p(DIRS[s.d]!), 0o750));
    case "add-file":
      return tolerate(() => fs.writeFileSync(path.join(p(DIRS[s.d]!), "added"), "u\n"));
    case "remove-added":
      return tolerate(() => fs.unlinkSync(path.join(p(DIRS[s.d]!), "added")));
    case "edit-in-place":
      return tolerate(() => fs.appendFileSync(p(`${DOTS}/${SOURCES[s.s]!}`), "more\n"));
    case "delete-source":
      return tolerate(() => fs.unlinkSync(p(`${DOTS}/${SOURCES[s.s]!}`)));
    case "editor-save-source":
      return tolerate(() => saveByRename(p(`${DOTS}/${SOURCES[s.s]!}`), "saved\n"));
    case "chmod-source":
      return tolerate(() => fs.chmodSync(p(`${DOTS}/${SOURCES[s.s]!}`), 0o600));
    case "move-ancestor-symlink":
    case "move-ancestor-deeper":
      return tolerate(() => {
        // Moved elsewhere (deeper: a relative link text through it now means something else),
        // and a symlink to where it went put in its place.
        const from = p(ANCESTORS[s.a]!);
        const to = s.op === "move-ancestor-deeper" ? p(`moved/${w.moved++}/a/b/x`) : p(`moved-${w.moved++}`);
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.renameSync(from, to);
        fs.symlinkSync(to, from);
      });
    case "env-name":
      if (s.v) w.env.LF_NAME = "y";
      else delete w.env.LF_NAME;
      return;
    case "env-extra":
      if (s.v) w.env.LF_EXTRA = "1";
      else delete w.env.LF_EXTRA;
      return;
    case "apply": {
      // The real apply (cache on) against what --no-cache would plan: in sync, both say the same.
      const before = await w.cli("plan", "--no-cache");
      const r = await w.cli("apply");
      if (before.stdout.startsWith("No changes.")) expect(r).toEqual({ code: 0, stdout: before.stdout, stderr: before.stderr });
      return;
    }
    case "sync":
      return syncAndCache(w.cli, "--conflict", "overwrite").then(() => w.cli("apply", "-q")).then(() => undefined);
    case "wait":
      return sleep(PAST_RACY_MS);
  }
}

// Every reader's output (status --json without its `cache`), with the given extra flags.
async function outputs(cli: Cli, ...extra: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const args of [["plan"], ["plan", "-q"], ["plan", "--format", "markdown"], ["apply", "--dry-run"], ["status"], ["status", "--json"]]) {
    const r = await cli(...args, ...extra);
    const stdout = args.includes("--json") ? JSON.stringify({ ...JSON.parse(r.stdout), cache: undefined }) : r.stdout;
    out.push(`${args.join(" ")} → ${r.code}\n${stdout}${r.stderr}`);
  }
  return out;
}

describe("verdict cache (real disk)", () => {
  it(`plan, apply and status say the same with and without the cache after every step (${RUNS} cases, seed ${SEED})`, async () => {
    const stats = { cases: 0, usedAfterStep: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
        const sb = quietSandbox(TREE, "verdict-prop");
        const env: Record<string, string> = { ...sb.env };
        const w: World = { sb, env, cli: cliIn(sb, DOTS, () => w.env), moved: 0 };
        await syncAndCache(w.cli);
        // The property says nothing unless the cache really answers at the start.
        expect(await cacheUse(w.cli)).toEqual({ used: true });
        stats.cases++;
        for (const s of steps) {
          await act(w, s);
          expect(await outputs(w.cli), JSON.stringify(s)).toEqual(await outputs(w.cli, "--no-cache"));
          if ((await cacheUse(w.cli)).used) stats.usedAfterStep++;
        }
      }),
      { numRuns: RUNS, seed: SEED, ...(process.env.LINKFARM_PATH ? { path: process.env.LINKFARM_PATH } : {}) },
    );
    expect(stats.cases).toBe(RUNS);
    // Some steps leave the verdict standing (chmod, in-place edits, waits, a sync): it was used.
    expect(stats.usedAfterStep).toBeGreaterThan(0);
  }, 600_000);
});
