// A journal left by a killed apply records links linkfarm made before the state file was
// written. The read-only plan must count them as linkfarm's (so that they are pruned), without
// writing anything.
import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readHostFacts } from "../../src/platform/host.js";
import { stateFilePath } from "../../src/state/read.js";
import { runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

describe("plan after a crash", () => {
  it("sees links recorded only in the journal and leaves the journal alone", async () => {
    const sb = sandbox({
      "dots/linkfarm.yaml": "version: 1\nlinks: []\n",
      "dots/old": "x\n",
    });
    sb.write({ "home/.old": { symlink: sb.p("dots/old") } });
    const manifest = sb.p("dots/linkfarm.yaml");
    const stateFile = stateFilePath(manifest, readHostFacts(sb.env));
    fs.mkdirSync(sb.stateDir, { recursive: true });
    const entry = { op: "set-link", target: sb.p("home/.old"), link: { type: "symlink", source: sb.p("dots/old"), linkText: sb.p("dots/old") } };
    fs.writeFileSync(`${stateFile}.journal`, JSON.stringify(entry) + "\n");
    const before = sb.snapshot();

    const r = await runCli(["plan", "--json"], { cwd: sb.p("dots"), env: sb.env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.remove).toBe(1);
    expect(doc.actions[0]).toMatchObject({ kind: "remove", target: sb.p("home/.old") });
    expect(sb.snapshot()).toEqual(before);
  });
});
