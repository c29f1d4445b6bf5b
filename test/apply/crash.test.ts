// The built binary, killed with SIGKILL at random moments in the middle of an apply, then run
// to completion: every link right, every pre-existing byte still somewhere, nothing pending.
// And two applies started together: both succeed, and the result is consistent.

import { spawn, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, runBin } from "../helpers/cli.js";
import { stateFilePath } from "../../src/state/read.js";
import { contentHashes, sandbox, type Sandbox, type Tree } from "../helpers/sandbox.js";

// `soft` symlinked files in a tree, `hard` hard-linked ones, and `conflicts` user files in the
// way (policy backup).
function bigFarm(soft: number, hard: number, conflicts: number): Sandbox {
  const tree: Tree = {
    "repo/linkfarm.yaml":
      "version: 1\ndefaults: { conflict: backup }\nlinks:\n" +
      "  - { source: tree, target: farm, tree: true }\n" +
      "  - { source: hard, target: hfarm, tree: true, type: hardlink }\n",
  };
  for (let i = 0; i < soft; i++) tree[`repo/tree/d${i % 50}/f${i}`] = `soft ${i}\n`;
  for (let i = 0; i < hard; i++) tree[`repo/hard/d${i % 10}/h${i}`] = `hard ${i}\n`;
  for (let i = 0; i < conflicts; i++) {
    const j = i * 37 % soft;
    tree[`home/farm/d${j % 50}/f${j}`] = `user's own file ${i}\n`;
  }
  for (let i = 0; i < Math.min(conflicts, hard); i += 5) tree[`home/hfarm/d${i % 10}/h${i}`] = `user's hard ${i}\n`;
  return sandbox(tree);
}

function expectConverged(sb: Sandbox, soft: number, hard: number): void {
  for (let i = 0; i < soft; i++) {
    expect(sb.readlink(`home/farm/d${i % 50}/f${i}`)).toBe(sb.p(`repo/tree/d${i % 50}/f${i}`));
  }
  for (let i = 0; i < hard; i++) {
    expect(sb.ino(`home/hfarm/d${i % 10}/h${i}`)).toBe(sb.ino(`repo/hard/d${i % 10}/h${i}`));
  }
  const names = Object.keys(sb.snapshot());
  expect(names.filter((n) => n.includes(".linkfarm-tmp-"))).toEqual([]);
}

// Start an apply and SIGKILL it once its journal exists plus a random moment of up to `spread`
// ms (or at a random delay if it never gets that far). Each run has less work left than the one
// before, so a short spread keeps the kills in the middle of the work.
async function applyAndKill(sb: Sandbox, journal: string, spread: number): Promise<"mid-apply" | "early" | "finished"> {
  const child = spawn(process.execPath, [BIN, "apply"], { cwd: sb.p("repo"), env: sb.env, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  let done = false;
  void exited.then(() => (done = true));
  const start = Date.now();
  const fallback = 50 + Math.random() * 550;
  while (!done && !fs.existsSync(journal) && Date.now() - start < 20_000) await sleep(5);
  if (!done) await sleep(fs.existsSync(journal) ? Math.random() * spread : fallback);
  const when = done ? "finished" : fs.existsSync(journal) ? "mid-apply" : "early";
  child.kill("SIGKILL");
  await exited;
  return when;
}

describe("crash safety", () => {
  it("an apply killed with SIGKILL at random moments converges on the next run and loses no byte", async () => {
    const soft = 4500;
    const hard = 500;
    const sb = bigFarm(soft, hard, 200);
    const before = contentHashes(sb.snapshot());
    const host = { os: process.platform, hostname: "h", home: sb.home, env: sb.env };
    const journal = stateFilePath(sb.p("repo/linkfarm.yaml"), host) + ".journal";
    const kills: string[] = [];
    for (let k = 0; k < 5; k++) kills.push(await applyAndKill(sb, journal, 40));
    // Most kills must land in the middle of the work, or this test proves nothing.
    expect(kills.filter((w) => w === "mid-apply").length).toBeGreaterThanOrEqual(3);
    // One more anywhere, late moments included (the state write at the end); not counted.
    await applyAndKill(sb, journal, 600);

    const final = await runBin(["apply"], { cwd: sb.p("repo"), env: sb.env });
    expect(final.stderr).toBe("");
    expect(final.code).toBe(0);
    expectConverged(sb, soft, hard);
    const again = await runBin(["plan"], { cwd: sb.p("repo"), env: sb.env });
    expect(again).toMatchObject({ code: 0, stdout: `No changes. ${soft + hard} links in place.\n` });
    const after = contentHashes(sb.snapshot());
    for (const h of before) expect(after.has(h)).toBe(true);
    const files = fs.readdirSync(sb.stateDir);
    expect(files.filter((n) => n.endsWith(".journal") || n.endsWith(".lock"))).toEqual([]);
    const state = JSON.parse(fs.readFileSync(path.join(sb.stateDir, files.find((n) => n.endsWith(".json"))!), "utf8"));
    expect(Object.keys(state.links)).toHaveLength(soft + hard);
  }, 240_000);

  it("two applies started together both exit 0 and agree", async () => {
    const sb = bigFarm(400, 100, 20);
    const before = contentHashes(sb.snapshot());
    const opts = { cwd: sb.p("repo"), env: sb.env };
    const [a, b] = await Promise.all([runBin(["apply", "--json"], opts), runBin(["apply", "--json"], opts)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const created = [a, b].map((r) => JSON.parse(r.stdout).applied as { created: number; replaced: number });
    expect(created[0]!.created + created[1]!.created + created[0]!.replaced + created[1]!.replaced).toBe(500);
    expectConverged(sb, 400, 100);
    const after = contentHashes(sb.snapshot());
    for (const h of before) expect(after.has(h)).toBe(true);
    const again = await runBin(["plan"], opts);
    expect(again.stdout).toBe("No changes. 500 links in place.\n");
  }, 120_000);
});
