import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parsePlanJson } from "../../src/apply/saved-plan/parse.js";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { slashes, tilde } from "../helpers/posix.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";

const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "plan.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

const MANIFEST = `version: 1
links:
  - source: bash/.bashrc
    target: .bashrc
  - source: git/config
    target: .config/git/config
  - source: bin
    target: .local/bin
    tree: true
    type: hardlink
`;

function farm(extra: Tree = {}) {
  const sb = sandbox({
    "repo/linkfarm.yaml": MANIFEST,
    "repo/bash/.bashrc": "export A=1\n",
    "repo/git/config": "[user]\n",
    "repo/bin/tool": "#!/bin/sh\n",
    "repo/bin/sub/other": "#!/bin/sh\n",
    ...extra,
  });
  const plan = (...args: string[]) => runCli(["plan", ...args], { cwd: sb.p("repo"), env: sb.env });
  return { sb, plan };
}

// Everything in place: the two symlinks and the two hard links the manifest declares.
const IN_SYNC = (root: string): Tree => ({
  "home/.bashrc": { symlink: join(root, "repo", "bash", ".bashrc") },
  "home/.config/git/config": { symlink: join(root, "repo", "git", "config") },
  "home/.local/bin/tool": { hardlink: "repo/bin/tool" },
  "home/.local/bin/sub/other": { hardlink: "repo/bin/sub/other" },
});

describe("linkfarm plan", () => {
  it("prints the actions and the summary, and exits 0 for a valid plan with changes", async () => {
    const { plan } = farm();
    const r = await plan();
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`+ ${tilde(".bashrc")} -> `);
    expect(r.stdout).toContain(`+ ${tilde(".local/bin/tool")} => `);
    expect(r.stdout).toContain("Plan: 4 to create, 0 to repair, 0 to replace, 0 to remove, 0 unchanged; will create 5 directories.");
  });

  it("with --detailed-exitcode exits 2 when changes are pending and 0 when in sync", async () => {
    const { sb, plan } = farm();
    expect((await plan("--detailed-exitcode")).code).toBe(2);
    sb.write(IN_SYNC(sb.root));
    const r = await plan("--detailed-exitcode");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("No changes. 4 links in place.\n");
  });

  it("exits 1 when the plan is blocked by a conflict, with or without --detailed-exitcode, and names the flag", async () => {
    const { plan } = farm({ "home/.bashrc": "mine\n" });
    for (const args of [[], ["--detailed-exitcode"]]) {
      const r = await plan(...args);
      expect(r.code).toBe(1);
      expect(slashes(r.stdout)).toMatch(/! ~\/\.bashrc -> .*\(file with other content/);
      expect(r.stdout).toContain("1 conflict");
      expect(r.stdout).toContain("--conflict backup");
    }
  });

  it("--conflict POLICY turns the conflict into a replace", async () => {
    const { plan } = farm({ "home/.bashrc": "mine\n" });
    const r = await plan("--conflict", "backup", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const a = doc.actions.find((x: { target: string }) => basename(x.target) === ".bashrc");
    expect(a).toMatchObject({ kind: "replace", resolution: "backup", reasonCode: "different-content" });
  });

  it("--json prints one JSON document on stdout that matches schema/plan.schema.json, with absolute paths", async () => {
    const { sb, plan } = farm({ "home/.config/git/config": { symlink: "../../../repo/gone" } });
    const r = await plan("--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc)).toBe(true);
    expect(doc.formatVersion).toBe(1);
    expect(doc.manifest.file).toBe(sb.p("repo/linkfarm.yaml"));
    expect(doc.summary).toMatchObject({ create: 3, repair: 1 });
    for (const a of doc.actions) expect(a.target.startsWith(sb.home)).toBe(true);
  });

  it("--format markdown prints a table", async () => {
    const { plan } = farm();
    const r = await plan("--format", "markdown");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| | Kind | Target | Source | Reason |");
  });

  it("--out FILE saves the --json document atomically and changes nothing else", async () => {
    const { sb, plan } = farm();
    const before = sb.snapshot();
    const r = await plan("--out", "../plan.json");
    expect(r.code).toBe(0);
    const saved = sb.read("plan.json");
    expect(saved).toBe((await plan("--json")).stdout);
    expect("plan" in parsePlanJson(saved)).toBe(true);
    const after = sb.snapshot();
    delete after["plan.json"];
    expect(after).toEqual(before);
    expect(readdirSync(sb.root).filter((n) => n.includes("linkfarm-tmp"))).toEqual([]);
  });

  it("--out into a missing directory is an io error, exit 1", async () => {
    const { plan } = farm();
    const r = await plan("--out", "../no/such/dir/plan.json");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot write the plan");
  });

  it("makes no change to the disk: the sandbox is the same before and after", async () => {
    const { sb, plan } = farm({ "home/.bashrc": "mine\n", "home/.config/git/config": { symlink: "/nowhere" } });
    const before = sb.snapshot();
    await plan();
    await plan("--json");
    expect(sb.snapshot()).toEqual(before);
  });

  it("reports manifest problems as FILE:LINE:COL on stderr, exit 1, nothing on stdout in JSON mode", async () => {
    const { sb, plan } = farm({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - source: bash/.bashrc\n    target: .bashrc\n    bogus: 1\n",
    });
    const r = await plan("--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${sb.p("repo/linkfarm.yaml")}:5:5:`);
    expect(r.stderr).toMatch(/\n {2}\s*\^/);
  });

  it("a corrupt state file is an error that names the file", async () => {
    const { sb, plan } = farm();
    const first = await plan("--json");
    expect(first.code).toBe(0);
    sb.write({ "state/garbage.json": "{" });
    const r = await runCli(["plan", "--state", "../state/garbage.json"], { cwd: sb.p("repo"), env: sb.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(sb.p("state/garbage.json"));
    expect(r.stdout).toBe("");
  });

  it("-q prints only the blocking lines and the summary", async () => {
    const { plan } = farm({ "home/.bashrc": "mine\n" });
    const r = await plan("-q");
    expect(r.stdout).not.toContain("+ ");
    expect(r.stdout).toContain(`! ${tilde(".bashrc")}`);
    expect(r.stdout).toContain("Plan: 3 to create");
  });

  it("-v lists the links in place too", async () => {
    const { sb, plan } = farm();
    sb.write(IN_SYNC(sb.root));
    const r = await plan("-v");
    expect(r.stdout).toContain(`= ${tilde(".bashrc")} -> `);
    expect(r.stdout).toContain("No changes. 4 links in place.");
  });
});
