// Names with glob characters or `$` in a Stow package are written so that the manifest links
// them literally: `glob: false` on an entry whose source has * ? [ ] { } or an extglob, and
// every `$` doubled. Applying such a manifest needs the schema's per-entry `glob` key (added on
// another branch): that test runs by itself once the key is in schema/linkfarm.schema.json.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RawLink, RawManifest } from "../../../src/manifest/types.js";
import { REPO_ROOT, runCli } from "../../helpers/cli.js";
import { posixOnly } from "../../helpers/posix.js";
import { sandbox } from "../../helpers/sandbox.js";
import { runStow, STOW, linkSet } from "../../helpers/stow-farm.js";

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema/linkfarm.schema.json"), "utf8")) as {
  $defs: { link: { properties: Record<string, unknown> } };
};
const schemaHasGlobKey = "glob" in schema.$defs.link.properties;

const NAMES = {
  "home/dotfiles/odd/a(b)/f": "1\n",
  "home/dotfiles/odd/x[1]": "2\n",
  "home/dotfiles/odd/{c}": "3\n",
  "home/dotfiles/odd/q?": "4\n",
  "home/dotfiles/odd/s*": "5\n",
  "home/dotfiles/odd/@(e)": "6\n",
  "home/dotfiles/odd/cost$HOME": "7\n",
  "home/dotfiles/odd/plain": "8\n",
  "home/dotfiles/p$1/.rc": "9\n",
  "home/dotfiles/g[1]/.grc": "10\n",
};
const PKGS = ["odd", "p$1", "g[1]"];

describe("import stow: names a manifest would otherwise read as globs or variables", () => {
  it.skipIf(posixOnly("file names Windows forbids (?, *)"))("entries with glob characters get glob: false, and every $ is written as $$", async () => {
    const sb = sandbox(NAMES);
    const imp = await runCli(["import", "stow", "--fold", ...PKGS], { cwd: sb.p("home/dotfiles"), env: sb.env });
    expect(imp.code, imp.stderr).toBe(0);
    const links = (parse(imp.stdout) as RawManifest).links as (RawLink & { glob?: boolean })[];
    const bySource = Object.fromEntries(links.map((l) => [l.source, l]));
    for (const s of ["odd/a(b)", "odd/x[1]", "odd/{c}", "odd/q?", "odd/s*", "odd/@(e)"]) {
      expect(bySource[s], s).toMatchObject({ glob: false });
    }
    expect(bySource["odd/plain"]?.glob).toBeUndefined();
    expect(bySource["odd/cost$$HOME"]).toMatchObject({ target: "cost$$HOME" });
    expect(bySource["odd/cost$$HOME"]?.glob).toBeUndefined();
    expect(bySource["p$$1"]).toMatchObject({ target: ".", tree: true });
    expect(bySource["g[1]"]).toMatchObject({ target: ".", tree: true, glob: false });
    // the text itself: a flag line under the entry, not a quoted value
    expect(imp.stdout).toMatch(/- source: "odd\/x\[1\]"\n {4}target: "x\[1\]"\n {4}glob: false\n/);
  });

  it.skipIf(!schemaHasGlobKey || !STOW)("the manifest validates and applies the links Stow makes, folding and not", async () => {
    for (const fold of [false, true]) {
      const a = sandbox(NAMES);
      const b = sandbox(NAMES);
      const pkgs = PKGS;
      expect((await runStow(a.p("home/dotfiles"), a.home, [...(fold ? [] : ["--no-folding"]), ...pkgs])).code).toBe(0);
      const imp = await runCli(["import", "stow", ...(fold ? ["--fold"] : []), "-o", "linkfarm.yaml", ...pkgs], {
        cwd: b.p("home/dotfiles"),
        env: b.env,
      });
      expect(imp.code, imp.stderr).toBe(0);
      const applied = await runCli(["apply"], { cwd: b.p("home/dotfiles"), env: b.env });
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(linkSet(b.root, b.home, b.p("home/dotfiles"))).toEqual(linkSet(a.root, a.home, a.p("home/dotfiles")));
    }
  });
});
