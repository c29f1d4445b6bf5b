// The bin writes stdout and stderr straight to a pipe, file or socket (src/cli/stdio.ts): every
// byte arrives, in order, even through a descriptor left non-blocking by someone else; a reader
// that goes away ends the run with exit 1, as Node's stream does.

import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, runBin } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox } from "../helpers/sandbox.js";

// A tree of `n` files: `plan --json` then says a lot (about 600 bytes a link).
function bigFarm(n: number) {
  const tree: Record<string, string> = {
    "repo/linkfarm.yaml": "version: 1\nlinks:\n  - source: many\n    target: many\n    tree: true\n",
  };
  for (let i = 0; i < n; i++) tree[`repo/many/file-${String(i).padStart(4, "0")}`] = `${i}\n`;
  return sandbox(tree);
}

// libuv makes a child's stdio blocking, so the non-blocking descriptor is set up by perl, which
// then execs the bin with it.
const HAVE_PERL = !posixOnly("fcntl O_NONBLOCK through perl") && spawnSync("perl", ["-e", "1"]).status === 0;
const NONBLOCKING_EXEC = "use Fcntl; my $f = fcntl(STDOUT, F_GETFL, 0); fcntl(STDOUT, F_SETFL, $f | O_NONBLOCK) or die; exec @ARGV or die";

describe("stdout and stderr without streams", () => {
  it("to a file: the same bytes as to a pipe, stderr too", async () => {
    const sb = bigFarm(50);
    const piped = await runBin(["plan", "--json"], { cwd: sb.p("repo"), env: sb.env });
    expect(piped.code).toBe(0);
    const out = fs.openSync(sb.p("out.txt"), "w");
    const err = fs.openSync(sb.p("err.txt"), "w");
    const r = spawnSync(process.execPath, [BIN, "plan", "--json"], { cwd: sb.p("repo"), env: sb.env, stdio: ["ignore", out, err] });
    const bad = spawnSync(process.execPath, [BIN, "plan", "--format", "nope"], { cwd: sb.p("repo"), env: sb.env, stdio: ["ignore", out, err] });
    fs.closeSync(out);
    fs.closeSync(err);
    expect(r.status).toBe(0);
    expect(bad.status).toBe(1);
    const usage = await runBin(["plan", "--format", "nope"], { cwd: sb.p("repo"), env: sb.env });
    expect(sb.read("out.txt")).toBe(piped.stdout);
    expect(sb.read("err.txt")).toBe(usage.stderr);
    expect(usage.stderr).not.toBe("");
  });

  it.skipIf(!HAVE_PERL)("through a non-blocking pipe read slowly: every byte, in order (EAGAIN is waited out)", async () => {
    const sb = bigFarm(1500);
    const want = await runBin(["plan", "--json"], { cwd: sb.p("repo"), env: sb.env });
    expect(want.stdout.length).toBeGreaterThan(800_000); // several times a socket pair's buffer
    const child = spawn("perl", ["-e", NONBLOCKING_EXEC, process.execPath, BIN, "plan", "--json"], {
      cwd: sb.p("repo"),
      env: sb.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const chunks: Buffer[] = [];
    // a slow reader: nothing for a while, then a pause after every chunk, so that the buffer
    // fills up and the writer must wait
    child.stdout!.pause();
    setTimeout(() => child.stdout!.resume(), 300);
    child.stdout!.on("data", (d: Buffer) => {
      chunks.push(d);
      child.stdout!.pause();
      setTimeout(() => child.stdout!.resume(), 2);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(want.stdout);
  });

  it.skipIf(posixOnly("EPIPE"))("a reader that goes away: exit 1 with EPIPE on stderr, as before", async () => {
    const sb = bigFarm(400);
    const child = spawn(process.execPath, [BIN, "plan", "--json"], { cwd: sb.p("repo"), env: sb.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.destroy();
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/EPIPE/);
  });
});
