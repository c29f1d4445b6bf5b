// Start-up (issue #16, budget 1): what the built bin loads and where its code cache goes.
// Runs the bin, dist/cli.cjs (npm test builds it first).

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runBin } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

const MANIFEST = "version: 1\nlinks:\n  - source: dots/.bashrc\n    target: ~/.bashrc\n";

// The built-in modules `linkfarm ARGS` loaded (process.moduleLoadList, written at exit).
function builtinsLoaded(sb: ReturnType<typeof sandbox>, args: string[], stdout: "ignore" | "pipe" = "ignore"): string[] {
  const preload = sb.p("list-modules.cjs");
  const out = sb.p("modules.txt");
  fs.writeFileSync(preload, `process.on("exit", () => require("fs").writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join("\\n")));\n`);
  execFileSync(process.execPath, ["-r", preload, BIN, ...args], { cwd: sb.p("repo"), env: sb.env, stdio: ["ignore", stdout, "ignore"] });
  return fs.readFileSync(out, "utf8").split("\n").filter((l) => l.startsWith("NativeModule "));
}

describe("start-up", () => {
  it("an in-sync plan does not load node:child_process (only Windows' Developer Mode probe needs it)", () => {
    const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/dots/.bashrc": "x\n" });
    fs.symlinkSync(sb.p("repo/dots/.bashrc"), path.join(sb.home, ".bashrc"));
    const loaded = builtinsLoaded(sb, ["plan"]);
    expect(loaded).toContain("NativeModule fs"); // the list is real
    expect(loaded).not.toContain("NativeModule child_process");
  });

  it.skipIf(posixOnly("stdio.ts writes directly on POSIX only"))("output to a pipe or /dev/null loads no stream modules (no process.stdout)", () => {
    const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/dots/.bashrc": "x\n" });
    for (const stdout of ["ignore", "pipe"] as const) {
      const loaded = builtinsLoaded(sb, ["plan"], stdout);
      expect(loaded).toContain("NativeModule fs");
      expect(loaded.filter((m) => /^NativeModule (stream|net|tty)$/.test(m)), stdout).toEqual([]);
    }
  });

  it("dist/cli.js, the bin's old path, still runs the CLI", () => {
    const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/dots/.bashrc": "x\n" });
    const old = path.join(path.dirname(BIN), "cli.js");
    const run = (bin: string) => execFileSync(process.execPath, [bin, "plan", "--json"], { cwd: sb.p("repo"), env: sb.env, encoding: "utf8" });
    expect(JSON.parse(run(old)).summary.create).toBe(1);
    expect(run(old)).toBe(run(BIN));
  });

  it("the bin puts its code cache in the OS temp dir, never in the package or the state dir", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/dots/.bashrc": "x\n", "tmp/.keep": "" });
    const tmp = sb.p("tmp");
    const before = fs.readdirSync(path.dirname(BIN), { recursive: true }).length;
    const r = await runBin(["plan", "--json"], { cwd: sb.p("repo"), env: { ...sb.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.create).toBe(1);
    expect(fs.readdirSync(tmp).filter((n) => n.startsWith("linkfarm-compile-cache"))).toHaveLength(1);
    expect(fs.existsSync(sb.stateDir)).toBe(false);
    expect(fs.readdirSync(path.dirname(BIN), { recursive: true }).length).toBe(before);
  });
});
