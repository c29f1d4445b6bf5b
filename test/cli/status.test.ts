import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tilde } from "../helpers/posix.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

const YAML = `version: 1
links:
  - { source: a, target: .a }
  - { source: b, target: .b }
  - { source: c, target: .c }
  - { source: d, target: .d }
  - { source: h1, target: .h1, type: hardlink }
  - { source: h2, target: .h2, type: hardlink }
`;

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

describe("linkfarm status", () => {
  it("lists managed links with their health, and hard links with their link count", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": YAML,
      "repo/a": "a",
      "repo/b": "b",
      "repo/c": "c",
      "repo/d": "d",
      "repo/h1": "h1",
      "repo/h2": "h2",
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.unlinkSync(sb.p("repo/b")); // dangling
    fs.unlinkSync(sb.p("home/.c")); // missing
    fs.unlinkSync(sb.p("home/.d"));
    fs.symlinkSync("/elsewhere", sb.p("home/.d")); // changed
    fs.writeFileSync(sb.p("home/.h2.tmp"), "edited");
    fs.renameSync(sb.p("home/.h2.tmp"), sb.p("home/.h2")); // editor saved by rename: diverged
    const r = await cli(sb, "status", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { links: { target: string; health: string; nlink?: number }[] };
    const byName = Object.fromEntries(doc.links.map((l) => [l.target.slice(sb.home.length + 1), l]));
    expect(byName[".a"]!.health).toBe("ok");
    expect(byName[".b"]!.health).toBe("dangling");
    expect(byName[".c"]!.health).toBe("missing");
    expect(byName[".d"]!.health).toBe("changed");
    expect(byName[".h1"]).toMatchObject({ health: "ok", nlink: 2 });
    expect(byName[".h2"]!.health).toBe("diverged");
    const text = await cli(sb, "status");
    expect(text.stdout).toContain(`${tilde(".h1")} => `);
    expect(text.stdout).toContain("2 names");
    expect(text.stdout).toContain("deleting one name does not delete the data");
  });

  it("writes nothing", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": YAML.split("\n").slice(0, 3).join("\n") + "\n", "repo/a": "a" });
    const before = sb.snapshot();
    const r = await cli(sb, "status");
    expect(r.code).toBe(0);
    expect(sb.snapshot()).toEqual(before);
  });
});
