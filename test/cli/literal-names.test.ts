// Any file name can be linked literally: `glob: false` (per link or in `defaults`), `$$` for a
// `$`, and a narrower glob detection that leaves `notes (2).md` alone. A glob that matches
// nothing is `glob-no-match`, with why when it can be told.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isGlobSource } from "../../src/manifest/glob-syntax.js";
import { parseBlockYaml } from "../../src/manifest/parse-yaml-fast.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox, type Sandbox, type Tree } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });
const FIXTURE = fs.readFileSync(path.join(REPO_ROOT, "test/fixtures/manifests/good-literal-names.yaml"), "utf8");
const NAMES = ["notes (2).md", "we$ird.txt", "[x].txt", "a{b}", "?", "*", "back\\slash"];

interface JsonAction {
  kind: string;
  reasonCode: string;
  target: string;
  reason: string;
}
async function planJson(sb: Sandbox): Promise<JsonAction[]> {
  const r = await cli(sb, "plan", "--json");
  expect(r.stderr).toBe("");
  return (JSON.parse(r.stdout) as { actions: JsonAction[] }).actions;
}

describe("literal names", () => {
  it.skipIf(posixOnly("file names Windows forbids (?, *, \\)"))("every name of the fixture is linked as written, end to end", async () => {
    const tree: Tree = { "repo/linkfarm.yaml": FIXTURE };
    NAMES.forEach((n, i) => (tree[`repo/lit/${n}`] = `content ${i}\n`));
    // Decoys a glob reading would pick instead: `x.txt` for `[x].txt`, `ab` for `a{b}`.
    const sb = sandbox({ ...tree, "repo/lit/x.txt": "decoy\n", "repo/lit/ab": "decoy\n" });
    const actions = await planJson(sb);
    expect(actions.map((a) => [path.basename(a.target), a.kind])).toEqual(
      expect.arrayContaining(NAMES.map((n) => [n, "create"])),
    );
    expect(actions).toHaveLength(NAMES.length);
    const r = await cli(sb, "apply");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const n of NAMES) expect(sb.readlink(`home/${n}`), n).toBe(sb.p(`repo/lit/${n}`));
    expect((await cli(sb, "apply")).stdout).toMatch(/^No changes\. 7 links in place\./);
  });

  it("the fast YAML reader takes the fixture and reads the names as written", () => {
    const fast = parseBlockYaml(FIXTURE);
    expect(fast).toBeDefined();
    const links = (fast!.value as { links: { source: string; glob?: boolean }[] }).links;
    expect(links.map((l) => l.source)).toEqual(["notes (2).md", "we$$ird.txt", ...NAMES.slice(2)].map((n) => `lit/${n}`));
  });

  it("`glob: false` in defaults makes every source literal", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": 'version: 1\ndefaults: { glob: false }\nlinks:\n  - { source: "f[1].txt", target: f }\n',
      "repo/f[1].txt": "x\n",
      "repo/f1.txt": "decoy\n",
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.readlink("home/f")).toBe(sb.p("repo/f[1].txt"));
  });

  it("a glob source still expands: `glob: true` is the default", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: \"f/*.ttf\", target: fonts/ }\n",
      "repo/f/a.ttf": "a",
      "repo/f/b.ttf": "b",
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(fs.readdirSync(sb.p("home/fonts")).sort()).toEqual(["a.ttf", "b.ttf"]);
  });
});

describe("glob detection", () => {
  it("only *, ?, [...], {a,b} and extglobs make a glob; parentheses, $ and a lone {b} do not", () => {
    for (const g of ["*.ttf", "a?", "[x].txt", "a{b,c}", "n{1..3}", "@(a|b)", "!(x).md", "+(a)", "*(a)", "?(a)"])
      expect(isGlobSource(g), g).toBe(true);
    for (const l of ["notes (2).md", "x(2)", "we$ird.txt", "a{b}", "a[]b", "plain", "back\\slash"])
      expect(isGlobSource(l), l).toBe(false);
    for (const g of ["*", "?", "[x].txt"]) expect(isGlobSource(g, false), g).toBe(false);
  });
});

describe("a glob that matches nothing", () => {
  async function noMatch(tree: Tree, link: string, extra = ""): Promise<JsonAction> {
    const sb = sandbox({ "repo/linkfarm.yaml": `version: 1\n${extra}links:\n  - ${link}\n`, ...tree });
    const actions = await planJson(sb);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: "error", reasonCode: "glob-no-match" });
    return actions[0]!;
  }

  it("a glob into a file target is a manifest error that offers `glob: false`", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": 'version: 1\nlinks:\n  - { source: "[x].txt", target: x.txt }\n', "repo/[x].txt": "x" });
    const r = await cli(sb, "plan");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/linkfarm\.yaml:3:34: .*glob: false/);
  });

  // picomatch matches a name equal to the pattern, so this shows when that name is excluded
  // (here by `ignore:`, which literal sources are not subject to).
  it("says when a file named exactly like the pattern exists (set glob: false)", async () => {
    const a = await noMatch({ "repo/[x].bak": "x" }, '{ source: "[x].bak", target: ./ }', 'ignore: ["**/*.bak"]\n');
    expect(a.reason).toContain(`a file named exactly ${path.join(a.target.replace(/home$/, "repo"), "[x].bak")} exists: set \`glob: false\``);
  });

  it("says that `*` does not match names that start with a dot", async () => {
    const a = await noMatch({ "repo/dots/.bashrc": "x" }, '{ source: "dots/*", target: ./ }');
    expect(a.reason).toMatch(/does not match names that start with "\."/);
  });

  it("says when the pattern's directory does not exist", async () => {
    const a = await noMatch({ "repo/.keep": "" }, '{ source: "nope/*.ttf", target: fonts/ }');
    expect(a.reason).toContain("does not exist");
  });

  it("says when every match is ignored", async () => {
    const a = await noMatch({ "repo/f/a.bak": "x" }, '{ source: "f/*.bak", target: b/ }', 'ignore: ["**/*.bak"]\n');
    expect(a.reason).toContain("ignore");
  });

  it("without a reason it can tell, it is still glob-no-match, and optional skips it", async () => {
    await noMatch({ "repo/f/a.otf": "x" }, '{ source: "f/*.ttf", target: fonts/ }');
    const sb = sandbox({
      "repo/linkfarm.yaml": 'version: 1\nlinks:\n  - { source: "f/*.ttf", target: fonts/, optional: true }\n',
      "repo/f/a.otf": "x",
    });
    expect(await planJson(sb)).toEqual([]);
  });
});
