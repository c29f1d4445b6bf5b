// Odd names on a real disk: spaces, newlines, leading dashes, unicode, names too long for the
// file system, names that are not UTF-8, and a symlink loop in a parent.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { contentHashes, sandbox, snapshotTree, type Sandbox } from "../helpers/sandbox.js";
import { expectCleanFailure, expectNoStack } from "../helpers/hostile.js";
import { posixOnly, tilde } from "../helpers/posix.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });
const json = (s: unknown) => JSON.stringify(s);

const ODD = ["with space", "new\nline", "-rf", "--help", "tab\there", "\u202eevil\u200b", "e\u0301\u{1F600}", "back\\slash", "'quote\"", " lead and trail "];

describe("odd names", () => {
  it.skipIf(posixOnly("file names Windows forbids (\\, control characters, a trailing space)"))("links sources and targets with spaces, newlines, leading dashes and odd unicode; unlink removes exactly them", async () => {
    const tree: Record<string, string> = {};
    ODD.forEach((n, i) => (tree[`repo/src/${n}`] = `content ${i}\n`));
    const links = ODD.map((n) => `  - { source: ${json(`src/${n}`)}, target: ${json(`dots/${n}`)} }`).join("\n");
    const sb = sandbox({ ...tree, "repo/linkfarm.yaml": `version: 1\nlinks:\n${links}\n` });
    const before = sb.snapshot();
    const r = await cli(sb, "apply");
    expectNoStack(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const n of ODD) expect(fs.readlinkSync(sb.p(`home/dots/${n}`))).toBe(sb.p(`repo/src/${n}`));
    const again = await cli(sb, "apply");
    expect(again.stdout).toMatch(/^No changes\. 10 links in place\./);
    expect((await cli(sb, "unlink")).code).toBe(0);
    const after = sb.snapshot();
    for (const k of Object.keys(after)) if (!k.startsWith("state")) expect(before).toHaveProperty([k]);
  });

  it.skipIf(posixOnly("a file name that is not UTF-8 (Windows names are UTF-16)"))("a tree whose file name is not UTF-8: a clean error naming the source, nothing changed", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bin, target: bin, tree: true }\n", "repo/bin/ok": "ok\n" });
    // 'f', 0xFF, 'x': not valid UTF-8. Node lists it as "f\uFFFDx", a name that does not exist.
    fs.writeFileSync(Buffer.concat([Buffer.from(sb.p("repo/bin/")), Buffer.from([0x66, 0xff, 0x78])]), "bytes\n");
    const before = snapshotTree(sb.home);
    const r = await cli(sb, "apply");
    expectCleanFailure(r, sb.p("repo/bin/f"));
    expect(snapshotTree(sb.home)).toEqual(before);
    expect(fs.existsSync(sb.stateDir)).toBe(false);
  });

  it.skipIf(posixOnly("ENAMETOOLONG for an over-long name (Windows reports its own error)"))("a target name longer than the file system allows (ENAMETOOLONG) fails that link only, naming it", async () => {
    const long = "n".repeat(300);
    const sb = sandbox({
      "repo/linkfarm.yaml": `version: 1\nlinks:\n  - { source: a, target: ${long} }\n  - { source: a, target: fine }\n`,
      "repo/a": "a\n",
    });
    const r = await cli(sb, "apply");
    expectCleanFailure(r, long.slice(0, 50), /ENAMETOOLONG|name too long/i);
    expect(sb.readlink("home/fine")).toBe(sb.p("repo/a"));
    // Nothing half-made under the long name; a rerun fails the same way and keeps the good link.
    expect(fs.readdirSync(sb.home).sort()).toEqual(["fine"]);
    expectCleanFailure(await cli(sb, "apply"), /ENAMETOOLONG|name too long/i);
  });

  it.skipIf(posixOnly("ELOOP through a looping parent (a Windows file symlink is no directory to go through)"))("a symlink loop in a target's parent (ELOOP) is an error naming the looping path; nothing changed", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: a, target: loop/x }\n  - { source: a, target: fine }\n",
      "repo/a": "a\n",
      "home/loop": { symlink: "loop2" },
      "home/loop2": { symlink: "loop" },
    });
    const before = sb.snapshot();
    const r = await cli(sb, "apply");
    expectCleanFailure(r, tilde("loop"));
    expect(r.stdout + r.stderr).toContain("symlink loop (ELOOP)");
    expect(sb.snapshot()).toEqual(before);
  });

  it("a symlink loop as the source (ELOOP) is linked as the symlink, as Stow does; the package is untouched", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: l1, target: x }\n",
      "repo/l1": { symlink: "l2" },
      "repo/l2": { symlink: "l1" },
    });
    const before = contentHashes(sb.snapshot());
    const r = await cli(sb, "apply");
    expectNoStack(r);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(sb.readlink("home/x")).toBe(sb.p("repo/l1"));
    expect(sb.readlink("repo/l1")).toBe("l2");
    const after = contentHashes(sb.snapshot());
    for (const h of before) expect(after.has(h)).toBe(true);
  });
});
