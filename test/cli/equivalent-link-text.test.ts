// A HOME that GNU Stow made, with the stow directory inside the target (~/.local/src/dotfiles,
// `stow -t ~`): Stow's relative texts mean what linkfarm's do, so nothing is repaired, a saved
// plan applies, and prune still removes the links it took over.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { storedLinkText } from "../helpers/posix.js";
import { sandbox, type Sandbox } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("home/.local/src/dotfiles"), env: sb.env });

const STOW_TEXT = "../../.local/src/dotfiles/fun/.local/bin/x";
const MANIFEST = "version: 1\ntarget: ~\ndefaults: { relative: true }\nlinks:\n  - { source: fun, target: ., tree: true }\n";

function stowMade(): Sandbox {
  return sandbox({
    "home/.local/src/dotfiles/linkfarm.yaml": MANIFEST,
    "home/.local/src/dotfiles/fun/.local/bin/x": "#!/bin/sh\n",
    "home/.local/bin/x": { symlink: STOW_TEXT },
  });
}

describe("equivalent relative link texts", () => {
  it("plan calls Stow's links ok, and apply (fresh or from a saved plan) leaves their text alone", async () => {
    const sb = stowMade();
    const plan = JSON.parse((await cli(sb, "plan", "--json")).stdout);
    const x = plan.actions.find((a: { target: string }) => a.target === sb.p("home/.local/bin/x"));
    expect(x).toMatchObject({ kind: "ok", reasonCode: "in-place" });
    expect(plan.summary).toMatchObject({ repair: 0, ok: 1 });

    expect((await cli(sb, "plan", "--out", sb.p("plan.json"))).code).toBe(0);
    const r = await cli(sb, "apply", sb.p("plan.json"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(sb.readlink("home/.local/bin/x")).toBe(storedLinkText(STOW_TEXT));
    expect((await cli(sb, "apply")).stdout).toBe("No changes. 1 link in place.\n");
  });

  it("prune removes a taken-over link whose text is Stow's", async () => {
    const sb = stowMade();
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.writeFileSync(sb.p("home/.local/src/dotfiles/linkfarm.yaml"), "version: 1\nlinks: []\n");
    const r = await cli(sb, "apply", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.actions[0]).toMatchObject({ kind: "remove", reasonCode: "not-declared" });
    expect(sb.exists("home/.local/bin/x")).toBe(false);
    expect(sb.read("home/.local/src/dotfiles/fun/.local/bin/x")).toBe("#!/bin/sh\n");
  });
});
