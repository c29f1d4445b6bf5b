// Progress on a real pseudo-terminal (util-linux `script`), and none when stderr is a pipe or
// the output is JSON. 1,200 links: past the "long work" threshold, however fast the machine.

import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MIN_ITEMS } from "../../src/report/progress.js";
import { BIN, runBin } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";

const HAS_SCRIPT = !posixOnly("a pseudo-terminal made by util-linux `script`") && spawnSync("sh", ["-c", "command -v script"]).status === 0;
if (!HAS_SCRIPT && process.platform !== "win32") console.warn("SKIPPED: `script` (util-linux) is missing; progress on a terminal is not checked");

const N = MIN_ITEMS + 200;
const CLEAR = "\r\x1b[2K";

function farm() {
  const tree: Tree = { "repo/linkfarm.yaml": "version: 1\nlinks:\n  - source: files\n    target: farm\n    tree: true\n" };
  for (let i = 0; i < N; i++) tree[`repo/files/d${i % 10}/f${i}`] = `${i}\n`;
  return sandbox(tree);
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

// Runs linkfarm with stderr on a pseudo-terminal and stdout in a file; returns what the
// terminal showed (stderr only) and stdout.
function onTerminal(sb: ReturnType<typeof farm>, args: string[]): Promise<{ code: number; terminal: string; stdout: string }> {
  const out = sb.p("stdout.txt");
  const cmd = `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(" ")} > ${q(out)}`;
  return new Promise((resolve) => {
    execFile(
      "script",
      ["-qec", cmd, "/dev/null"],
      { cwd: sb.p("repo"), env: { ...sb.env, TERM: "xterm" }, maxBuffer: 16 * 1024 * 1024 },
      (err, terminal) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, terminal, stdout: fs.readFileSync(out, "utf8") });
      },
    );
  });
}

describe.skipIf(!HAS_SCRIPT)("progress on a terminal", () => {
  it("plan and apply show a progress line on a terminal, cleared before the result", async () => {
    const sb = farm();
    const plan = await onTerminal(sb, ["plan"]);
    expect(plan.code).toBe(0);
    expect(plan.terminal).toContain(`${CLEAR}linkfarm: looking at 0/${N} links`);
    expect(plan.terminal.endsWith(CLEAR)).toBe(true);
    expect(plan.stdout).toMatch(new RegExp(`Plan: ${N} to create`));
    expect(plan.stdout).not.toContain("\x1b[2K");

    const apply = await onTerminal(sb, ["apply"]);
    expect(apply.code).toBe(0);
    expect(apply.terminal).toContain(`${CLEAR}linkfarm: looking at 0/${N} links`);
    // Redraws are throttled (100 ms), so which count shows first depends on the machine's speed.
    expect(apply.terminal).toMatch(new RegExp(`\\x1b\\[2Klinkfarm: applying \\d+/${N} changes`));
    expect(apply.terminal.endsWith(CLEAR)).toBe(true);
    expect(fs.readlinkSync(sb.p(`home/farm/d0/f0`))).toBe(sb.p("repo/files/d0/f0"));
  });

  it("never in JSON mode, nor with --quiet, even on a terminal", async () => {
    const sb = farm();
    for (const args of [["plan", "--json"], ["plan", "--quiet"], ["apply", "--dry-run", "--json"]]) {
      const r = await onTerminal(sb, args);
      expect({ args, code: r.code, terminal: r.terminal }).toEqual({ args, code: 0, terminal: "" });
    }
  });

  it("nothing on stderr when it is a pipe", async () => {
    const sb = farm();
    const plan = await runBin(["plan"], { cwd: sb.p("repo"), env: { ...sb.env, TERM: "xterm" } });
    expect(plan.code).toBe(0);
    expect(plan.stderr).toBe("");
    const apply = await runBin(["apply"], { cwd: sb.p("repo"), env: { ...sb.env, TERM: "xterm" } });
    expect(apply.code).toBe(0);
    expect(apply.stderr).toBe("");
  });
});
