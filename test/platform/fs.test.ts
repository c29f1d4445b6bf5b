import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { realFsRead, realpathOr } from "../../src/platform/fs.js";
import { sandbox } from "../helpers/sandbox.js";

describe("realpathOr", () => {
  it("resolves a path through a symlinked directory", () => {
    const sb = sandbox({ "real/dir/x": "x", "via": { symlink: "real" } });
    expect(realpathOr(realFsRead, sb.p("via/dir"))).toBe(fs.realpathSync(sb.p("real/dir")));
  });

  it("gives the path as written when it does not resolve", () => {
    const sb = sandbox({});
    expect(realpathOr(realFsRead, sb.p("missing/dir"))).toBe(sb.p("missing/dir"));
  });
});
