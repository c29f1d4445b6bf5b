// `type: auto` through the CLI on this machine (Linux or macOS: a symlink), the manifest schema
// accepting it, and LINKFARM_SYMLINKS reaching the plan.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

const planSchema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "plan.schema.json"), "utf8"));
const validatePlan = new Ajv2020({ allErrors: true }).compile(planSchema);

const MANIFEST = `version: 1
defaults:
  type: auto
links:
  - source: bash/.bashrc
    target: .bashrc
  - source: nvim
    target: .config/nvim
`;

function farm() {
  const sb = sandbox({ "repo/linkfarm.yaml": MANIFEST, "repo/bash/.bashrc": "A\n", "repo/nvim/init.lua": "B\n" });
  const cli = (...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });
  return { sb, cli };
}

describe.skipIf(process.platform === "win32")("type: auto off Windows", () => {
  it("plans symlinks marked requested: auto, in a plan that matches plan.schema.json", async () => {
    const { cli } = farm();
    const r = await cli("plan", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validatePlan(doc), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(doc.actions.map((a: { type: string; requested: string }) => [a.type, a.requested])).toEqual([
      ["symlink", "auto"],
      ["symlink", "auto"],
    ]);
  });

  it("apply makes symlinks, and the second apply changes nothing", async () => {
    const { sb, cli } = farm();
    expect((await cli("apply")).code).toBe(0);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bash/.bashrc"));
    expect(sb.readlink("home/.config/nvim")).toBe(sb.p("repo/nvim"));
    const again = await cli("apply");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes\. 2 links in place\./);
  });
});
