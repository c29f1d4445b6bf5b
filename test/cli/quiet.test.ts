// One rule for -q, every command: nothing on stdout or stderr when all is well; conflicts,
// errors, stale or failed actions and warnings that need the user are still printed. --json,
// schema and completion output is the command's product and stays.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { slashes } from "../helpers/posix.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

const YAML = `version: 1
defaults: { conflict: backup }
links:
  - { source: a, target: .a }
  - { source: b, target: .b }
`;

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

function farm() {
  return sandbox({
    "repo/linkfarm.yaml": YAML,
    "repo/a": "a\n",
    "repo/b": "b\n",
    "home/.a": "the user's own .a\n",
  });
}

function silent(r: CliResult, code = 0): void {
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code, stdout: "", stderr: "" });
}

describe("-q when all is well: nothing at all", () => {
  it("validate, plan (changes pending and in sync), apply --dry-run, apply, status, unlink --restore", async () => {
    const sb = farm();
    silent(await cli(sb, "validate", "-q"));
    silent(await cli(sb, "plan", "-q"));
    silent(await cli(sb, "plan", "-q", "--detailed-exitcode"), 2);
    silent(await cli(sb, "apply", "--dry-run", "-q"));
    silent(await cli(sb, "apply", "-q"));
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    expect(sb.read("home/.a.linkfarm-bak")).toBe("the user's own .a\n");
    silent(await cli(sb, "apply", "-q"));
    silent(await cli(sb, "plan", "-q"));
    silent(await cli(sb, "status", "-q"));
    silent(await cli(sb, "unlink", "--dry-run", "--restore", "-q"));
    silent(await cli(sb, "unlink", "--restore", "-q"));
    expect(sb.read("home/.a")).toBe("the user's own .a\n");
    expect(sb.exists("home/.b")).toBe(false);
    silent(await cli(sb, "unlink", "-q"));
    silent(await cli(sb, "status", "-q"));
  });

  it("unlink without --restore, and init", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    silent(await cli(sb, "unlink", "-q"));
    expect(sb.exists("home/.b")).toBe(false);
    silent(await runCli(["init", "-q", "new.yaml"], { cwd: sb.p("repo"), env: sb.env }));
    expect(sb.exists("repo/new.yaml")).toBe(true);
  });

  it("the command's product stays: --json, schema, completion", async () => {
    const sb = farm();
    expect(JSON.parse((await cli(sb, "plan", "-q", "--json")).stdout).formatVersion).toBe(1);
    expect(JSON.parse((await cli(sb, "status", "-q", "--json")).stdout)).toBeTruthy();
    expect((await cli(sb, "schema", "-q")).stdout).toContain('"$schema"');
    expect((await cli(sb, "completion", "bash", "-q")).stdout).toContain("linkfarm");
  });
});

describe("-q still prints every problem", () => {
  it("validate: the bad line", async () => {
    const sb = farm();
    sb.write({ "repo/linkfarm.yaml": "version: 1\nlinsk: []\n" });
    const r = await cli(sb, "validate", "-q");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^linkfarm\.yaml:2:1: /);
  });

  it("plan and apply: the conflict, and apply changes nothing", async () => {
    const sb = farm();
    sb.write({ "repo/linkfarm.yaml": YAML.replace("conflict: backup", "conflict: fail") });
    for (const cmd of [["plan"], ["apply", "--dry-run"], ["apply"]]) {
      const r = await cli(sb, ...cmd, "-q");
      expect(r.code, cmd.join(" ")).toBe(1);
      expect(slashes(r.stdout)).toMatch(/^ {2}! ~\/\.a/m);
      expect(r.stdout).not.toMatch(/^ {2}\+ /m);
    }
    expect(sb.read("home/.a")).toBe("the user's own .a\n");
    expect(sb.exists("home/.b")).toBe(false);
  });

  it("apply of a stale saved plan: the error", async () => {
    const sb = farm();
    expect((await cli(sb, "plan", "--out", "p.json")).code).toBe(0);
    fs.writeFileSync(sb.p("home/.b"), "appeared since the plan\n");
    const r = await cli(sb, "apply", "-q", "p.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("stale");
  });

  it("status: only the links that are not ok", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.rmSync(sb.p("repo/b"));
    const r = await cli(sb, "status", "-q");
    expect(slashes(r.stdout)).toMatch(/^dangling +~\/\.b/m);
    expect(slashes(r.stdout)).not.toMatch(/^ok +~\/\.a/m);
  });

  it("unlink --restore: a backup that cannot go back", async () => {
    const sb = farm();
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.rmSync(sb.p("home/.a"));
    fs.writeFileSync(sb.p("home/.a"), "written in between\n");
    const r = await cli(sb, "unlink", "--restore", "-q");
    expect(slashes(r.stdout)).toMatch(/not restored: ~\/\.a is occupied/);
    expect(r.stdout).not.toMatch(/^restored /m);
    expect(sb.read("home/.a.linkfarm-bak")).toBe("the user's own .a\n");
  });
});
