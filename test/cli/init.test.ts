import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { native } from "../helpers/posix.js";
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
    expect(ok.stdout).toContain(`-c ${native("dots/my.yaml")}`);
  });

  it("refuses to overwrite an existing file: exit 1, names the path, leaves it unchanged", async () => {
    const sb = sandbox({ "home/dots/linkfarm.yaml": "mine\n" });
    const r = await runCli(["init"], { cwd: sb.p("home/dots"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(sb.p("home/dots/linkfarm.yaml"));
    expect(sb.read("home/dots/linkfarm.yaml")).toBe("mine\n");
  });
});

// The starter's commented examples, found mechanically: a block starts at a `# - ` line and
// goes on over the `#   ` lines below it. Uncommenting removes the `# ` after the indentation.
function exampleBlocks(text: string): { start: number; end: number }[] {
  const lines = text.split("\n");
  const blocks: { start: number; end: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*# - /.test(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && /^\s*# {3}\S/.test(lines[end]!)) end++;
    blocks.push({ start: i, end });
    i = end - 1;
  }
  return blocks;
}

function uncomment(text: string, blocks: readonly { start: number; end: number }[]): string {
  const lines = text.split("\n");
  for (const b of blocks) for (let i = b.start; i < b.end; i++) lines[i] = lines[i]!.replace(/^(\s*)# /, "$1");
  return lines.join("\n");
}

describe("every commented example in the starter, uncommented, validates", async () => {
  const { STARTER_MANIFEST } = await import("../../src/manifest/starter.js");
  const blocks = exampleBlocks(STARTER_MANIFEST);

  it("finds the examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  const cases = [...blocks.map((b, i) => ({ name: `example ${i + 1} alone`, pick: [b] })), { name: "all of them", pick: blocks }];
  it.each(cases)("$name", async ({ pick }) => {
    const sb = sandbox({ "home/dots/.keep": "" });
    const cwd = sb.p("home/dots");
    expect((await runCli(["init"], { cwd, env: sb.env })).code).toBe(0);
    const written = sb.read("home/dots/linkfarm.yaml");
    expect(written).toBe(STARTER_MANIFEST);
    sb.write({ "home/dots/linkfarm.yaml": uncomment(written, pick) });
    const v = await runCli(["validate"], { cwd, env: sb.env });
    expect(v).toMatchObject({ code: 0, stderr: "" });
    expect(v.stdout).toBe(`linkfarm.yaml: valid, ${pick.length} link${pick.length === 1 ? "" : "s"}.\n`);
  });
});
