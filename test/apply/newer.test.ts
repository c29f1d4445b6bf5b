// The `newer` step when the target wins, interrupted: the source's old content is copied to its
// backup (and journaled) before a byte of the source is overwritten, so an interruption at the
// in-place write leaves both contents on disk and the backup recorded.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readJournal } from "../../src/state/replay.js";
import { realFs, type FsWrite } from "../../src/platform/fs.js";
import { sandbox } from "../helpers/sandbox.js";
import { linkAction, run, stateFile } from "../helpers/apply-plans.js";

const BASE = 1_700_000_000;

function diverged() {
  const sb = sandbox({ "repo/s": "old source\n", "home/t": "newer target\n" });
  fs.utimesSync(sb.p("repo/s"), BASE, BASE);
  fs.utimesSync(sb.p("home/t"), BASE + 60, BASE + 60);
  const a = linkAction(sb, { kind: "replace", target: "home/t", source: "repo/s", type: "hardlink", resolution: "newer" });
  return { sb, a };
}

describe("newer, target won: the backup comes first", () => {
  it("an interrupted in-place write leaves the old source content in a journaled backup and the target untouched", async () => {
    const { sb, a } = diverged();
    // The real file system, failing the first write into a file (the in-place write) as a crash would.
    const failing: FsWrite = {
      ...realFs,
      writeSync: ((fd: number, ...rest: unknown[]) => {
        if (typeof rest[0] !== "string") throw Object.assign(new Error("EIO: simulated crash"), { code: "EIO" });
        return (realFs.writeSync as (...x: unknown[]) => number)(fd, ...rest);
      }) as FsWrite["writeSync"],
    };
    const r = await run(sb, [a], { fs: failing });
    expect(r.outcomes[0]!.status).toBe("failed");
    expect(sb.read("repo/s.linkfarm-bak")).toBe("old source\n");
    expect(sb.read("home/t")).toBe("newer target\n");
    expect(r.state.backups).toEqual([
      expect.objectContaining({ target: sb.p("repo/s"), backup: sb.p("repo/s.linkfarm-bak"), link: sb.p("home/t") }),
    ]);
    // No temp copy is left beside the source.
    expect(fs.readdirSync(sb.p("repo")).filter((n) => n.includes("linkfarm-tmp"))).toEqual([]);
    expect(readJournal(stateFile(sb), realFs)).toEqual([]);
  });

  it("the step is stale when the target won at plan time but the source changed since", async () => {
    const { sb, a } = diverged();
    fs.utimesSync(sb.p("repo/s"), BASE + 120, BASE + 120);
    const r = await run(sb, [a]);
    expect(r.outcomes[0]!.status).toBe("stale");
    expect(sb.read("repo/s")).toBe("old source\n");
    expect(sb.exists("repo/s.linkfarm-bak")).toBe(false);
  });
});
