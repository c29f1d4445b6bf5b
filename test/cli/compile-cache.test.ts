// The bin's V8 code cache (src/cli/bin.ts, compile-cache.ts): made 0700 in a per-user directory
// of the OS temp dir after a command's first run, reused by the next, rewritten when V8 rejects
// it, never used from a directory another user could write, off by environment variable, and
// never able to change what a run does. Runs the built bin with the temp dir in the sandbox.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/completion/spec.js";
import { cacheDisabled, commandKey, KEYED_COMMANDS } from "../../src/cli/compile-cache.js";
import { BIN, runBin } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

const WIN = process.platform === "win32";
const MANIFEST = "version: 1\nlinks:\n  - source: dots/.bashrc\n    target: ~/.bashrc\n";
const uid = process.getuid?.();

function farm(tree: Record<string, string> = {}) {
  const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/dots/.bashrc": "x\n", "tmp/.keep": "", ...tree });
  const tmp = sb.p("tmp");
  const dir = path.join(tmp, uid === undefined ? "linkfarm-compile-cache" : `linkfarm-compile-cache-${uid}`);
  const env = { ...sb.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp };
  const plan = (extra: Record<string, string> = {}, args = ["plan", "--json"]) =>
    runBin(args, { cwd: sb.p("repo"), env: { ...env, ...extra } });
  const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
  const cacheOf = (command: string) => {
    const f = files().find((n) => n.endsWith(`-${command}.bin`));
    return f === undefined ? undefined : path.join(dir, f);
  };
  return { sb, dir, env, plan, files, cacheOf };
}

// What a run says, with and without the cache: the same, byte for byte.
async function expectPlan(r: Promise<{ code: number; stdout: string; stderr: string }>) {
  const got = await r;
  expect(got.stderr).toBe("");
  expect(got.code).toBe(0);
  expect(JSON.parse(got.stdout).summary).toMatchObject({ create: 1 });
  return got;
}

describe("the bin's code cache", () => {
  it("the first plan writes it (directory 0700, file 0600), the next reuses it unchanged, output the same", async () => {
    const f = farm();
    const off = await expectPlan(f.plan({ LINKFARM_NO_COMPILE_CACHE: "1" }));
    expect(f.files()).toEqual([]);
    const first = await expectPlan(f.plan());
    const file = f.cacheOf("plan");
    expect(file).toBeDefined();
    expect(f.files()).toHaveLength(1); // no temp file left behind
    if (!WIN) {
      expect(fs.statSync(f.dir).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
    }
    const before = fs.statSync(file!);
    const second = await expectPlan(f.plan());
    const after = fs.statSync(file!);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect(second.stdout).toBe(off.stdout);
    expect(first.stdout).toBe(off.stdout);
    expect(fs.existsSync(f.sb.stateDir)).toBe(false);
  });

  it("each command has its own: --version does not replace plan's", async () => {
    const f = farm();
    await expectPlan(f.plan());
    const planCache = fs.readFileSync(f.cacheOf("plan")!);
    const v = await f.plan({}, ["--version"]);
    expect(v.code).toBe(0);
    expect(f.cacheOf("other")).toBeDefined();
    expect(fs.readFileSync(f.cacheOf("plan")!).equals(planCache)).toBe(true);
  });

  it("a corrupt or truncated cache is rejected: the run is still right and the cache is rewritten", async () => {
    const f = farm();
    await expectPlan(f.plan());
    const file = f.cacheOf("plan")!;
    const good = fs.readFileSync(file);
    for (const bad of [Buffer.from("not a code cache at all"), good.subarray(0, good.length >> 1)]) {
      fs.writeFileSync(file, bad);
      await expectPlan(f.plan());
      const now = fs.readFileSync(file);
      expect(now.equals(bad)).toBe(false);
      expect(now.length).toBeGreaterThan(1000);
    }
  });

  it.skipIf(posixOnly("POSIX modes and owners"))("a group- or world-writable directory is never used: not read, not written", async () => {
    for (const mode of [0o777, 0o770]) {
      const f = farm();
      fs.mkdirSync(f.dir);
      fs.chmodSync(f.dir, mode);
      await expectPlan(f.plan());
      expect(f.files()).toEqual([]);
      // a file someone else put there is not loaded (it would be rejected and rewritten)
      const planted = path.join(f.dir, "planted");
      fs.writeFileSync(planted, "x");
      await expectPlan(f.plan());
      expect(f.files()).toEqual(["planted"]);
    }
  });

  it.skipIf(posixOnly("POSIX owners") || uid !== 0)("a directory owned by another user is never used (needs root to make one)", async () => {
    const f = farm();
    fs.mkdirSync(f.dir, { mode: 0o700 });
    fs.chownSync(f.dir, 4242, 4242);
    await expectPlan(f.plan());
    expect(f.files()).toEqual([]);
  });

  it.skipIf(posixOnly("symlinks to directories"))("a symlink in place of the directory is never followed", async () => {
    const f = farm({ "elsewhere/.keep": "" });
    fs.symlinkSync(f.sb.p("elsewhere"), f.dir);
    await expectPlan(f.plan());
    expect(fs.readdirSync(f.sb.p("elsewhere"))).toEqual([".keep"]);
  });

  it("a bundle edited after the build (its length differs) runs without a cache: its id would lie", async () => {
    const f = farm();
    const copy = f.sb.p("dist");
    fs.cpSync(path.dirname(BIN), copy, { recursive: true });
    const core = path.join(copy, "cli-core.cjs");
    fs.writeFileSync(core, fs.readFileSync(core, "utf8").replace("\n", "\n// edited\n"));
    const r = await runBin(["plan", "--json"], { cwd: f.sb.p("repo"), env: f.env }, path.join(copy, path.basename(BIN)));
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).summary).toMatchObject({ create: 1 });
    expect(f.files()).toEqual([]);
  });

  it("LINKFARM_NO_COMPILE_CACHE=1 and NODE_DISABLE_COMPILE_CACHE=1 turn it off: nothing is read or made", async () => {
    for (const off of [{ LINKFARM_NO_COMPILE_CACHE: "1" }, { NODE_DISABLE_COMPILE_CACHE: "1" }]) {
      const f = farm();
      await expectPlan(f.plan(off));
      expect(fs.existsSync(f.dir)).toBe(false);
    }
    expect([cacheDisabled({}), cacheDisabled({ LINKFARM_NO_COMPILE_CACHE: "0" }), cacheDisabled({ LINKFARM_NO_COMPILE_CACHE: "" })]).toEqual([false, false, false]);
  });

  it("a JavaScript config loads from a warm cache too (the bundle's import() is the bin's)", async () => {
    const f = farm({
      "repo/linkfarm.yaml": "",
      "js/linkfarm.config.mjs": "export default { version: 1, links: [{ source: 'vimrc', target: '.vimrc' }] };\n",
      "js/vimrc": "set nu\n",
    });
    fs.rmSync(f.sb.p("repo/linkfarm.yaml"));
    for (let i = 0; i < 2; i++) {
      const r = await runBin(["plan", "--json"], { cwd: f.sb.p("js"), env: f.env });
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout).summary).toMatchObject({ create: 1 });
    }
    expect(f.cacheOf("plan")).toBeDefined();
  });

  it("keys a cache by every command there is, and by nothing a user typed", () => {
    expect([...KEYED_COMMANDS].sort()).toEqual([...COMMANDS, "__complete"].sort());
    expect(commandKey(["-c", "x/linkfarm.yaml", "plan", "--json"])).toBe("plan");
    expect(commandKey(["--version"])).toBe("other");
    expect(commandKey(["-c", "../../etc/passwd"])).toBe("other");
  });
});
