import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runBin, runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

const GOOD = "version: 1\nlinks:\n  .bashrc: bash/.bashrc\n  .vimrc: vim/.vimrc\n";
const BAD = "version: 1\nlinsk: {}\nlinks:\n  - source: a\n    target: .a\n    type: softlink\n";

describe("linkfarm validate checks the manifest only", () => {
  it("prints `FILE: valid, N links.` and exits 0", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": GOOD, "home/dots/sub/.keep": "" });
    const r = await runCli(["validate"], { cwd: sb.p("home/dots/sub"), env: sb.env });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(`${sb.p("home/dots/linkfarm.yaml")}: valid, 2 links.\n`);
  });

  it("reports every problem as FILE:LINE:COL with the source line and a caret, exit 1", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": BAD });
    const r = await runCli(["validate"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(/^linkfarm\.yaml:2:1: unknown key "linsk" \(did you mean "links"\?\)$/);
    expect(lines[1]).toBe("  linsk: {}");
    expect(lines[2]).toBe("  ^^^^^");
    expect(lines[3]).toMatch(/^linkfarm\.yaml:6:11: `type` must be one of symlink, hardlink, junction/);
  });

  it("--json prints {valid, diagnostics} with codes and positions", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": BAD });
    const r = await runCli(["validate", "--json"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.diagnostics.map((d: { code: string; line: number; col: number }) => [d.code, d.line, d.col])).toEqual([
      ["unknown-key", 2, 1],
      ["bad-value", 6, 11],
    ]);
    const ok = await runCli(["validate", "--json", "-c", "linkfarm.yaml"], {
      cwd: sb.p("home/dots"),
      env: sb.env,
    });
    expect(ok.code).toBe(1);
    sb.write({ "home/dots/linkfarm.yaml": GOOD });
    const good = JSON.parse((await runCli(["validate", "--json"], { cwd: sb.p("home/dots"), env: sb.env })).stdout);
    expect(good).toEqual({ valid: true, file: sb.p("home/dots/linkfarm.yaml"), links: 2, diagnostics: [] });
  });

  it("without a manifest, says where it looked and suggests `linkfarm init`", async () => {
    const sb = sandbox({ "home/empty/.keep": "" });
    const r = await runCli(["validate"], { cwd: sb.p("home/empty"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no linkfarm manifest found in");
    expect(r.stderr).toContain("linkfarm init");
  });

  it("-c FILE that does not exist names the path", async () => {
    const sb = sandbox();
    const r = await runCli(["validate", "-c", "missing.yaml"], { cwd: sb.home, env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(path.join(sb.home, "missing.yaml"));
  });
});

describe("the built binary reports manifest problems without a stack trace", () => {
  it("exit 1, FILE:LINE:COL: message on stderr, no `    at `", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": BAD });
    const r = await runBin(["validate"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^linkfarm\.yaml:2:1: unknown key "linsk"/m);
    expect(r.stderr).toMatch(/^linkfarm\.yaml:6:11: /m);
    expect(r.stderr).not.toContain("    at ");
  });

  it("a valid manifest passes through the bundle (precompiled validator, inlined schema)", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": GOOD });
    const r = await runBin(["validate", "-c", "linkfarm.yaml"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r).toMatchObject({ code: 0, stdout: "linkfarm.yaml: valid, 2 links.\n" });
    const schema = await runBin(["schema"], { cwd: sb.home, env: sb.env });
    expect(JSON.parse(schema.stdout).$id).toBe("https://unpkg.com/linkfarm/schema/linkfarm.schema.json");
  });
});
