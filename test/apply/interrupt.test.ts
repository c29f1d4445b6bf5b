// The built binary, stopped by SIGINT, SIGTERM or SIGKILL at many moments of an apply (with
// and without `--conflict backup`), then `apply` and `unlink --restore`: the sandbox is exactly
// the starting tree again (every name, its content, inode and link text), nothing pending.
// SIGINT and SIGTERM are handled: the step under way finishes, the state is written, exit
// 130 or 143. SIGKILL is not: the journal's intents account for every act.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BIN, runBin } from "../helpers/cli.js";
import { stateFilePath } from "../../src/state/read.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox, type Sandbox, type Snapshot, type Tree } from "../helpers/sandbox.js";

// Many directories to make (three levels), hard and soft links, and with `conflicts` user
// files and directories in the way (resolved by backup). (A symlink in the way is a `repair`,
// which keeps no backup, so it has no place in a tree that must come back exactly.)
function farm(conflicts: boolean): Sandbox {
  const tree: Tree = {
    "repo/linkfarm.yaml":
      "version: 1\nlinks:\n" +
      "  - { source: tree, target: farm, tree: true }\n" +
      "  - { source: hard, target: hfarm, tree: true, type: hardlink }\n",
  };
  for (let i = 0; i < 900; i++) tree[`repo/tree/d${i % 40}/e${i % 9}/f${i}`] = `soft ${i}\n`;
  for (let i = 0; i < 200; i++) tree[`repo/hard/d${i % 20}/e${i % 3}/h${i}`] = `hard ${i}\n`;
  if (conflicts) {
    for (let i = 0; i < 900; i += 4) tree[`home/farm/d${i % 40}/e${i % 9}/f${i}`] = `user's own ${i}\n`;
    for (let i = 1; i < 200; i += 6) tree[`home/hfarm/d${i % 20}/e${i % 3}/h${i}`] = `user's hard ${i}\n`;
    for (let i = 2; i < 900; i += 48) tree[`home/farm/d${i % 40}/e${i % 9}/f${i}/inside`] = `a directory ${i}\n`;
  }
  return sandbox(tree);
}

// Everything but the state directory.
function userTree(sb: Sandbox): Snapshot {
  return Object.fromEntries(Object.entries(sb.snapshot()).filter(([k]) => k !== "state" && !k.startsWith("state/")));
}

type Signal = "SIGINT" | "SIGTERM" | "SIGKILL";

// Start an apply and signal it once its journal exists plus a random moment of up to `spread`
// ms (or at a random delay if it never gets that far). Returns where it was and how it ended.
async function applyAndSignal(sb: Sandbox, args: string[], journal: string, sig: Signal, spread: number) {
  const child = spawn(process.execPath, [BIN, "apply", ...args], { cwd: sb.p("repo"), env: sb.env, stdio: "ignore" });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      done = true;
      resolve(code);
    }),
  );
  const start = Date.now();
  const fallback = 50 + Math.random() * 550;
  while (!done && !fs.existsSync(journal) && Date.now() - start < 20_000) await sleep(2);
  if (!done) await sleep(fs.existsSync(journal) ? Math.random() * spread : fallback);
  const when = done ? "finished" : fs.existsSync(journal) ? "mid-apply" : "early";
  child.kill(sig);
  return { when, code: await exited };
}

const CASES: [Signal, boolean][] = [
  ["SIGINT", false],
  ["SIGINT", true],
  ["SIGTERM", false],
  ["SIGTERM", true],
  ["SIGKILL", false],
  ["SIGKILL", true],
];

// On Windows Node's kill() terminates at once whatever the signal: SIGINT and SIGTERM are not
// handled there (no exit 130 or 143), so only the SIGKILL cases run.
const unhandled = (sig: Signal) => sig !== "SIGKILL" && posixOnly("SIGINT and SIGTERM handled mid-apply (POSIX signals)");

describe("interrupted applies", () => {
  for (const [sig, backup] of CASES)
    it.skipIf(unhandled(sig))(`${sig} at many moments (backup: ${backup}), then apply and unlink --restore: exactly the starting tree`, async () => {
      const sb = farm(backup);
      const before = userTree(sb);
      const host = { os: process.platform, hostname: "h", home: sb.home, env: sb.env };
      const journal = stateFilePath(sb.p("repo/linkfarm.yaml"), host) + ".journal";
      const args = backup ? ["--conflict", "backup"] : [];
      const opts = { cwd: sb.p("repo"), env: sb.env };
      const want = sig === "SIGINT" ? 130 : sig === "SIGTERM" ? 143 : null;
      // Signals until at least three landed in the middle of the work (or this test proves
      // nothing). A run that finished everything before its signal (a loaded machine) is undone
      // with `unlink --restore`, which must give back the starting tree, so the next run again
      // has the whole apply to do.
      const runs = [];
      const interrupted = () => runs.filter((r) => r.when === "mid-apply" && r.code !== 0).length;
      for (let k = 0; k < 16 && interrupted() < 3; k++) {
        const r = await applyAndSignal(sb, args, journal, sig, k % 6 < 5 ? 30 : 400);
        runs.push(r);
        if (r.when === "mid-apply") {
          // Handled: the step under way finishes, the state is written, 128 + the signal number;
          // or the signal came as the run was finishing (0).
          if (want !== null) expect([want, 0], JSON.stringify(runs)).toContain(r.code);
        }
        if (r.code === 0) {
          const undo = await runBin(["unlink", "--restore"], opts);
          expect(undo.code, undo.stderr).toBe(0);
          expect(userTree(sb)).toEqual(before);
        }
      }
      expect(interrupted(), JSON.stringify(runs)).toBeGreaterThanOrEqual(3);
  
      const final = await runBin(["apply", ...args], opts);
      expect(final.stderr).toBe("");
      expect(final.code).toBe(0);
      expect(Object.keys(sb.snapshot()).filter((n) => n.includes(".linkfarm-tmp-"))).toEqual([]);
      const plan = await runBin(["plan"], opts);
      expect(plan).toMatchObject({ code: 0, stdout: "No changes. 1100 links in place.\n" });
  
      const unlink = await runBin(["unlink", "--restore"], opts);
      expect(unlink.stderr).toBe("");
      expect(unlink.code).toBe(0);
      expect(userTree(sb)).toEqual(before);
      const left = fs.readdirSync(sb.stateDir).filter((n) => n.endsWith(".journal") || n.endsWith(".lock"));
      expect(left).toEqual([]);
    }, 240_000);
});
