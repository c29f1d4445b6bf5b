// The verdict cache (issue #16, budget 2): who writes it, who reads it, every rule that throws
// it away, the racy window, and outputs byte-identical with and without it. Real disk.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { writeVerdictCache } from "../../src/apply/verdict-cache-write.js";
import { RACY_NS, cacheFileOf, checkVerdict, stampOf, type VerdictCacheFile } from "../../src/observe/verdict-cache.js";
import { recordingFs, stampsFor } from "../../src/observe/verdict-stamps.js";
import { realFs, realFsRead } from "../../src/platform/fs.js";
import { FARM_MANIFEST, cacheUse, cliIn, quietSandbox, sleep, syncAndCache, PAST_RACY_MS, type Cli } from "../helpers/verdict.js";
import type { Sandbox } from "../helpers/sandbox.js";

const TAG = "verdict-unit";

const MANIFEST = FARM_MANIFEST;

const TREE = {
  "dots/linkfarm.yaml": MANIFEST,
  "dots/pkg/.a": "a\n",
  "dots/pkg/sub/c": "c\n",
  "dots/conf/x.toml": "x\n",
  "dots/single.txt": "s\n",
};

function stateFileOf(sb: Sandbox): string {
  const names = fs.readdirSync(sb.stateDir).filter((n) => n.endsWith(".json"));
  expect(names).toHaveLength(1);
  return path.join(sb.stateDir, names[0]!);
}

async function cachedFarm(tree: Record<string, string> = TREE, env: Record<string, string> = {}): Promise<{ sb: Sandbox; cli: Cli }> {
  const sb = quietSandbox(tree, TAG);
  const cli = cliIn(sb, "dots", () => ({ ...sb.env, ...env }));
  await syncAndCache(cli);
  return { sb, cli };
}

// What every reader prints, with and without the cache (status --json without its `cache`).
async function outputs(cli: Cli, ...extra: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const args of [["plan"], ["plan", "-q"], ["plan", "--format", "markdown"], ["plan", "--detailed-exitcode"], ["apply", "--dry-run"], ["status"], ["status", "--json"]]) {
    const r = await cli(...args, ...extra);
    const stdout = args.includes("--json") ? JSON.stringify({ ...JSON.parse(r.stdout), cache: undefined }) : r.stdout;
    out.push(`${args.join(" ")} → ${r.code}\n${stdout}${r.stderr}`);
  }
  return out;
}

describe("verdict cache: written by the in-sync apply, read by plan, apply and status", () => {
  it("an in-sync apply writes it; every reader then answers from it, byte for byte as without it", async () => {
    const { sb, cli } = await cachedFarm();
    const file = cacheFileOf(stateFileOf(sb));
    const doc = JSON.parse(fs.readFileSync(file, "utf8")) as VerdictCacheFile;
    expect(doc.links).toBe(4);
    expect(doc.plainSymlinks).toBe(true);
    // every ancestor up to the root is stamped, and every directory the observation read
    const stamped = new Set(doc.stamps.map((s) => s[0]));
    for (const d of ["/", sb.root, sb.home, sb.p("dots/pkg/sub"), sb.p("home/.config/app"), sb.p("dots/conf")]) expect(stamped).toContain(d);
    expect(await cacheUse(cli)).toEqual({ used: true });
    expect(await outputs(cli)).toEqual(await outputs(cli, "--no-cache"));
    const applied = await cli("apply");
    expect(applied).toEqual({ code: 0, stdout: "No changes. 4 links in place.\n", stderr: "" });
    expect(await cli("apply", "--no-cache")).toEqual(applied);
    expect(await cli("apply", "-q")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--no-cache and LINKFARM_NO_CACHE=1 neither read nor write it", async () => {
    const sb = quietSandbox(TREE, TAG);
    const off = cliIn(sb, "dots", () => ({ ...sb.env, LINKFARM_NO_CACHE: "1" }));
    await syncAndCache(off);
    expect(fs.existsSync(cacheFileOf(stateFileOf(sb)))).toBe(false);
    await syncAndCache(cliIn(sb, "dots"), "--no-cache");
    expect(fs.existsSync(cacheFileOf(stateFileOf(sb)))).toBe(false);
    const on = cliIn(sb, "dots");
    await on("apply", "-q");
    expect(fs.existsSync(cacheFileOf(stateFileOf(sb)))).toBe(true);
    expect(await cacheUse(on)).toEqual({ used: true });
    expect((await cacheUse(off)).used).toBe(false);
    expect(await cacheUse(cliIn(sb, "dots", () => ({ ...sb.env, LINKFARM_NO_CACHE: "0" })))).toEqual({ used: true });
  });

  it("is not written by a plan, a dry run, a selection, or an apply that changed something", async () => {
    const sb = quietSandbox(TREE, TAG);
    const cli = cliIn(sb, "dots");
    await cli("apply", "-q");
    await sleep(PAST_RACY_MS);
    const file = cacheFileOf(stateFileOf(sb));
    await cli("plan");
    await cli("apply", "--dry-run");
    await cli("apply", "-q", "pkg");
    expect(fs.existsSync(file)).toBe(false);
    fs.unlinkSync(sb.p("home/.a"));
    await sleep(PAST_RACY_MS);
    await cli("apply", "-q"); // repairs: not in sync
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("verdict cache: what throws it away", () => {
  const changes: [string, (sb: Sandbox) => void][] = [
    ["a target replaced by a file", (sb) => (fs.unlinkSync(sb.p("home/.a")), fs.writeFileSync(sb.p("home/.a"), "mine\n"))],
    ["a file added next to a source (tree)", (sb) => fs.writeFileSync(sb.p("dots/pkg/sub/new"), "n\n")],
    ["a source saved by rename", (sb) => (fs.writeFileSync(sb.p("dots/conf/x.swp"), "y\n"), fs.renameSync(sb.p("dots/conf/x.swp"), sb.p("dots/conf/x.toml")))],
    ["a source deleted", (sb) => fs.unlinkSync(sb.p("dots/single.txt"))],
    ["a target directory chmod'ed", (sb) => fs.chmodSync(sb.p("home/.config/app"), 0o700)],
    [
      "an ancestor moved and a symlink put in its place",
      (sb) => {
        fs.mkdirSync(sb.p("deep/er"), { recursive: true });
        fs.renameSync(sb.p("home/.config"), sb.p("deep/er/.config"));
        fs.symlinkSync(sb.p("deep/er/.config"), sb.p("home/.config"));
      },
    ],
    ["the source root replaced by a symlink to a copy", (sb) => (fs.renameSync(sb.p("dots/pkg"), sb.p("pkg2")), fs.symlinkSync(sb.p("pkg2"), sb.p("dots/pkg")))],
  ];
  for (const [what, change] of changes) {
    it(`${what}: the verdict no longer holds and every output equals --no-cache's`, async () => {
      const { sb, cli } = await cachedFarm();
      expect(await cacheUse(cli)).toEqual({ used: true });
      change(sb);
      expect((await cacheUse(cli)).used).toBe(false);
      expect(await outputs(cli)).toEqual(await outputs(cli, "--no-cache"));
    });
  }

  it("an ancestor of the sources only, moved deeper with a symlink in its place (relative link texts now mean elsewhere)", async () => {
    const deep = Object.fromEntries(Object.entries(TREE).map(([k, v]) => [`src/deep/${k}`, v]));
    const sb = quietSandbox(deep, TAG);
    const cli = cliIn(sb, "src/deep/dots");
    await syncAndCache(cli);
    expect(await cacheUse(cli)).toEqual({ used: true });
    fs.mkdirSync(sb.p("moved/a/b"), { recursive: true });
    fs.renameSync(sb.p("src/deep"), sb.p("moved/a/b/deep"));
    fs.symlinkSync(sb.p("moved/a/b/deep"), sb.p("src/deep"));
    expect((await cacheUse(cli)).used).toBe(false);
    expect(await outputs(cli)).toEqual(await outputs(cli, "--no-cache"));
  });

  it("a source that was missing appears", async () => {
    const { sb, cli } = await cachedFarm({ ...TREE, "dots/linkfarm.yaml": MANIFEST + "  - source: opt.txt\n    target: .opt\n    optional: true\n" });
    expect(await cacheUse(cli)).toEqual({ used: true });
    fs.writeFileSync(sb.p("dots/opt.txt"), "o\n");
    expect((await cacheUse(cli)).used).toBe(false);
    expect((await cli("plan")).stdout).toContain("1 to create");
  });

  it("the key: a variable the manifest expands, the state's bytes, --conflict, a crashed apply's journal", async () => {
    const { sb, cli } = await cachedFarm();
    const withName = cliIn(sb, "dots", () => ({ ...sb.env, LF_NAME: "y" }));
    expect((await cacheUse(withName)).why).toMatch(/changed/);
    expect((await withName("plan")).stdout).toContain("1 to create");
    expect((await cli("plan", "--conflict", "backup")).stdout).toBe((await cli("plan", "--conflict", "backup", "--no-cache")).stdout);
    const state = stateFileOf(sb);
    fs.writeFileSync(`${state}.journal`, "");
    expect((await cacheUse(cli)).why).toMatch(/journal/);
    fs.unlinkSync(`${state}.journal`);
    expect(await cacheUse(cli)).toEqual({ used: true });
    fs.appendFileSync(state, " ");
    expect((await cacheUse(cli)).why).toMatch(/changed/);
  });

  it("the state file: its stamp when old enough, else its bytes; the same bytes under a new inode still hold", async () => {
    const { sb, cli } = await cachedFarm();
    const state = stateFileOf(sb);
    const doc = JSON.parse(fs.readFileSync(cacheFileOf(state), "utf8")) as VerdictCacheFile;
    expect(doc.state.stamp?.[0]).toBe(state);
    expect(doc.state.digest).toMatch(/^[0-9a-f]{64}$/);
    fs.copyFileSync(state, `${state}.tmp`);
    fs.renameSync(`${state}.tmp`, state); // another inode and ctime, the same bytes
    expect(await cacheUse(cli)).toEqual({ used: true });
    fs.appendFileSync(state, " ");
    expect(await cacheUse(cli)).toEqual({ used: false, why: "the state file changed" });
  });

  it("the apply that wrote the state too recently leaves it unstamped; the next in-sync apply stamps it once it is still", async () => {
    const { sb, cli } = await cachedFarm();
    const state = stateFileOf(sb);
    fs.unlinkSync(cacheFileOf(state));
    fs.unlinkSync(state); // links in place, nothing recorded: the next apply records them all
    await sleep(PAST_RACY_MS);
    expect((await cli("apply")).code).toBe(0);
    const read = () => JSON.parse(fs.readFileSync(cacheFileOf(state), "utf8")) as VerdictCacheFile;
    expect(read().state.stamp).toBeUndefined(); // written by this very apply
    expect(await cacheUse(cli)).toEqual({ used: true }); // by the state's bytes
    await sleep(PAST_RACY_MS);
    expect(await cli("apply")).toEqual({ code: 0, stdout: "No changes. 4 links in place.\n", stderr: "" });
    expect(read().state.stamp?.[0]).toBe(state);
    expect(await cacheUse(cli)).toEqual({ used: true });
    fs.appendFileSync(state, " ");
    expect(await cacheUse(cli)).toEqual({ used: false, why: "the state file changed" });
  });

  it("a malformed or unreadable cache is ignored", async () => {
    const { sb, cli } = await cachedFarm();
    fs.writeFileSync(cacheFileOf(stateFileOf(sb)), "{not json");
    expect(await cacheUse(cli)).toEqual({ used: false, why: "cache unreadable" });
    fs.writeFileSync(cacheFileOf(stateFileOf(sb)), "{}");
    expect(await cacheUse(cli)).toEqual({ used: false, why: "cache malformed" });
    expect(await outputs(cli)).toEqual(await outputs(cli, "--no-cache"));
  });

  it("status looks at each link when a link is a hard link (its name count is no directory's entry)", async () => {
    const { cli } = await cachedFarm({ ...TREE, "dots/linkfarm.yaml": MANIFEST + "  - source: single.txt\n    target: .hard\n    type: hardlink\n" });
    expect((await cacheUse(cli)).why).toMatch(/hard links/);
    expect(await outputs(cli)).toEqual(await outputs(cli, "--no-cache"));
  });
});

describe("verdict cache: the racy window and the file systems it trusts", () => {
  function observed(sb: Sandbox): Map<string, boolean> {
    const rec = recordingFs(realFsRead);
    rec.fs.readdirSync(sb.p("dots"));
    return rec.touched;
  }
  const args = (sb: Sandbox, startedNs: bigint, os = "linux") => ({
    fs: realFs,
    os,
    stateFile: path.join(sb.stateDir, "s.json"),
    key: "k",
    touched: observed(sb),
    startedNs,
    links: 1,
    plainSymlinks: true,
  });

  it("a stamp changed within RACY_NS before the observation began is not trusted: nothing is written", async () => {
    const sb = quietSandbox({ "dots/a": "a\n", "state/.keep": "" }, TAG);
    await sleep(PAST_RACY_MS);
    fs.writeFileSync(sb.p("dots/b"), "b\n"); // the newest ctime of all stamps
    const { stamps } = stampsFor(realFsRead, observed(sb));
    const newest = stamps.reduce((m, s) => (s[3] !== "-" && BigInt(s[3]) > m ? BigInt(s[3]) : m), 0n);
    expect(newest).toBe(BigInt(stampOf(realFsRead, sb.p("dots"))[3]));
    expect(writeVerdictCache(args(sb, newest + RACY_NS))).toMatch(/too recently.*dots/);
    expect(fs.existsSync(cacheFileOf(path.join(sb.stateDir, "s.json")))).toBe(false);
    expect(writeVerdictCache(args(sb, newest + RACY_NS + 1n))).toBeUndefined();
    expect(fs.existsSync(cacheFileOf(path.join(sb.stateDir, "s.json")))).toBe(true);
  });

  it("every ancestor is stamped: a realpath through an ancestor moved deeper, a symlink in its place, no longer holds", async () => {
    const sb = quietSandbox({ "far/a/b/c/f": "f\n", "dots/a": "a\n", "state/.keep": "" }, TAG);
    await sleep(PAST_RACY_MS);
    const rec = recordingFs(realFsRead);
    const before = rec.fs.realpathSync(sb.p("far/a/b/c"));
    const stateFile = path.join(sb.stateDir, "s.json");
    const late = BigInt(Date.now() + 1000) * 1_000_000n;
    expect(writeVerdictCache({ ...args(sb, late), touched: rec.touched })).toBeUndefined();
    expect(JSON.parse(fs.readFileSync(cacheFileOf(stateFile), "utf8")).stamps.map((s: string[]) => s[0])).not.toContain(sb.p("dots"));
    expect(checkVerdict(realFsRead, stateFile, () => ({ key: "k" }))).toEqual({ links: 1, plainSymlinks: true });
    // Only `far/a` moves (its own ctime and its old parent's change; b and c keep theirs).
    fs.mkdirSync(sb.p("deep/er"), { recursive: true });
    fs.renameSync(sb.p("far/a"), sb.p("deep/er/a"));
    fs.symlinkSync(sb.p("deep/er/a"), sb.p("far/a"));
    expect(realFsRead.realpathSync(sb.p("far/a/b/c"))).not.toBe(before);
    expect(checkVerdict(realFsRead, stateFile, () => ({ key: "k" }))).toMatchObject({ why: expect.stringMatching(/^changed: /) });
  });

  it("off Linux, or on a file system type not vouched for, nothing is written", async () => {
    const sb = quietSandbox({ "dots/a": "a\n", "state/.keep": "" }, TAG);
    await sleep(PAST_RACY_MS);
    const late = BigInt(Date.now() + 1000) * 1_000_000n;
    expect(writeVerdictCache(args(sb, late, "darwin"))).toMatch(/not vouched for on darwin/);
    expect(fs.existsSync(cacheFileOf(path.join(sb.stateDir, "s.json")))).toBe(false);
  });
});
