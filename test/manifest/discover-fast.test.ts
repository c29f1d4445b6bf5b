// The cosmiconfig-free fast path of discovery finds exactly what cosmiconfig finds: each layout
// is searched twice, once as linkfarm does and once with the fast path forced to step aside.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { discover, SEARCH_PLACES } from "../../src/manifest/discover.js";
import { findInCwd } from "../../src/manifest/discover-fast.js";
import { realFsRead, type FsRead } from "../../src/platform/fs.js";
import { sandbox, type Tree } from "../helpers/sandbox.js";

const M = "version: 1\nlinks: []\n";

// statSync fails with EIO: the fast path can be sure of nothing, so cosmiconfig decides alone.
const cosmiconfigOnly: FsRead = {
  ...realFsRead,
  statSync: (() => {
    throw Object.assign(new Error("EIO"), { code: "EIO" });
  }) as unknown as FsRead["statSync"],
};

const LAYOUTS: Record<string, Tree> = {
  "linkfarm.yaml": { "home/d/linkfarm.yaml": M },
  "an empty linkfarm.yaml": { "home/d/linkfarm.yaml": "" },
  "linkfarm.yml before .linkfarmrc": { "home/d/.linkfarmrc": M, "home/d/linkfarm.yml": M },
  ".linkfarmrc.json": { "home/d/.linkfarmrc.json": '{"version": 1}' },
  ".config/linkfarmrc.yaml": { "home/d/.config/linkfarmrc.yaml": M },
  "linkfarm.config.mjs": { "home/d/linkfarm.config.mjs": "export default { version: 1 };\n" },
  "a directory named linkfarm.yaml": { "home/d/linkfarm.yaml/x": "", "home/d/.linkfarmrc": M },
  "a symlinked linkfarm.yaml": { "home/real.yaml": M, "home/d/linkfarm.yaml": { symlink: "../real.yaml" } },
  "a dangling linkfarm.yaml": { "home/d/linkfarm.yaml": { symlink: "nowhere" }, "home/d/.linkfarmrc.yml": M },
  "package.json with the key": { "home/d/package.json": JSON.stringify({ linkfarm: { version: 1 } }) },
  "package.json without the key, then a config": {
    "home/d/package.json": JSON.stringify({ name: "x" }),
    "home/d/linkfarm.config.cjs": "module.exports = { version: 1 };\n",
  },
  "a file where .config should be": { "home/d/.config": "x", "home/d/linkfarm.config.js": "export default {};\n" },
  "only in a parent": { "home/linkfarm.yaml": M, "home/d/sub/.keep": "" },
  "nothing at all": { "home/d/.keep": "" },
};

describe("discovery without cosmiconfig", () => {
  for (const [name, tree] of Object.entries(LAYOUTS)) {
    it(`finds what cosmiconfig finds: ${name}`, async () => {
      const sb = sandbox(tree);
      const cwd = fs.existsSync(sb.p("home/d/sub")) ? sb.p("home/d/sub") : sb.p("home/d");
      const fast = await discover({ cwd, home: sb.home, fs: realFsRead });
      const slow = await discover({ cwd, home: sb.home, fs: cosmiconfigOnly });
      expect(fast.found).toEqual(slow.found);
      expect(fast.diagnostics?.map((d) => d.code)).toEqual(slow.diagnostics?.map((d) => d.code));
    });
  }

  it("answers by itself for a manifest in the working directory", () => {
    const sb = sandbox({ "home/d/linkfarm.yaml": M });
    expect(findInCwd(sb.p("home/d"), SEARCH_PLACES, realFsRead, process.cwd())).toBe(sb.p("home/d/linkfarm.yaml"));
  });

  it("steps aside when cosmiconfig's meta configuration could add search places", () => {
    const sb = sandbox({
      "home/d/linkfarm.yaml": M,
      "home/d/package.json": JSON.stringify({ cosmiconfig: { searchPlaces: ["other.yaml"] } }),
      "home/e/.config/config.yaml": "cosmiconfig: {}\n",
    });
    expect(findInCwd(sb.p("home/d"), SEARCH_PLACES, realFsRead, sb.p("home/d"))).toBeUndefined();
    expect(findInCwd(sb.p("home/d"), SEARCH_PLACES, realFsRead, sb.p("home/e"))).toBeUndefined();
  });

  it("leaves a package.json to cosmiconfig (its key decides)", () => {
    const sb = sandbox({ "home/d/package.json": JSON.stringify({ linkfarm: { version: 1 } }) });
    expect(findInCwd(sb.p("home/d"), SEARCH_PLACES, realFsRead, process.cwd())).toBeUndefined();
  });
});
