import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

describe("linkfarm init writes a starter manifest with the schema comment", () => {
  it("writes ./linkfarm.yaml headed by the yaml-language-server line, and it validates", async () => {
    const sb = sandbox({ "home/dots/.keep": "" });
    const cwd = sb.p("home/dots");
    const r = await runCli(["init"], { cwd, env: sb.env });
    expect(r.code).toBe(0);
    const text = sb.read("home/dots/linkfarm.yaml");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://unpkg.com/linkfarm/schema/linkfarm.schema.json",
    );
    expect(text).toContain("node_modules/linkfarm/schema/linkfarm.schema.json");
    const v = await runCli(["validate"], { cwd, env: sb.env });
    expect(v).toMatchObject({ code: 0, stderr: "" });
    expect(v.stdout).toBe("linkfarm.yaml: valid, 0 links.\n");
  });

  it("writes to FILE when given one (its directory must exist)", async () => {
    const sb = sandbox({ "home/dots/.keep": "" });
    const r = await runCli(["init", "links/my.yaml"], { cwd: sb.p("home"), env: sb.env });
    expect(r.code).toBe(1);
    const ok = await runCli(["init", "dots/my.yaml"], { cwd: sb.p("home"), env: sb.env });
    expect(ok.code).toBe(0);
    expect(sb.exists("home/dots/my.yaml")).toBe(true);
    expect(ok.stdout).toContain("-c dots/my.yaml");
  });

  it("refuses to overwrite an existing file: exit 1, names the path, leaves it unchanged", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": "mine\n" });
    const r = await runCli(["init"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(sb.p("home/dots/linkfarm.yaml"));
    expect(sb.read("home/dots/linkfarm.yaml")).toBe("mine\n");
  });
});
