import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { failingHook, storedLinkText } from "../helpers/posix.js";
import { contentHashes, sandbox, type Sandbox } from "../helpers/sandbox.js";
import { linkAction, removeAction, run, stateFile } from "../helpers/apply-plans.js";
import type { State } from "../../src/state/types.js";

function readStateFile(sb: Sandbox): State {
  return JSON.parse(fs.readFileSync(stateFile(sb), "utf8")) as State;
}

// Every content hash that existed before still exists somewhere in the sandbox.
function expectBytesKept(before: Set<string>, sb: Sandbox): void {
  const after = contentHashes(sb.snapshot());
  for (const h of before) expect(after.has(h)).toBe(true);
}

function noTempLeft(sb: Sandbox): void {
  const names = Object.keys(sb.snapshot());
  expect(names.filter((n) => n.includes(".linkfarm-tmp-"))).toEqual([]);
}

describe("create", () => {
  it("makes a missing symlink and records it with its text", async () => {
    const sb = sandbox({ "repo/bashrc": "A\n" });
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/.bashrc", source: "repo/bashrc" })]);
    expect(r.ok).toBe(true);
    expect(r.changed).toBe(true);
    expect(r.outcomes.map((o) => o.status)).toEqual(["done"]);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bashrc"));
    const st = readStateFile(sb);
    expect(st.links[sb.p("home/.bashrc")]).toMatchObject({ type: "symlink", linkText: sb.p("repo/bashrc") });
    expect(fs.existsSync(stateFile(sb) + ".journal")).toBe(false);
    expect(fs.existsSync(stateFile(sb) + ".lock")).toBe(false);
  });

  it("makes a hard link to the source's inode and records dev and ino", async () => {
    const sb = sandbox({ "repo/bin/x": "#!/bin/sh\n" });
    await run(sb, [linkAction(sb, { kind: "create", type: "hardlink", target: "home/bin-x", source: "repo/bin/x" })]);
    expect(sb.ino("home/bin-x")).toBe(sb.ino("repo/bin/x"));
    expect(readStateFile(sb).links[sb.p("home/bin-x")]).toMatchObject({ type: "hardlink", ino: sb.ino("repo/bin/x") });
  });

  it("creates missing parent directories and records only those it created", async () => {
    const sb = sandbox({ "repo/init.lua": "x", "home/.config/keep": "k" });
    const a = linkAction(sb, {
      kind: "create",
      target: "home/.config/nvim/lua/init.lua",
      source: "repo/init.lua",
      mkdirs: ["home/.config/nvim", "home/.config/nvim/lua"],
    });
    await run(sb, [a]);
    expect(sb.readlink("home/.config/nvim/lua/init.lua")).toBe(sb.p("repo/init.lua"));
    expect(readStateFile(sb).dirs).toEqual([sb.p("home/.config/nvim"), sb.p("home/.config/nvim/lua")]);
  });

  it("skips as stale when something appeared at the target after planning, and keeps it", async () => {
    const sb = sandbox({ "repo/a": "A" });
    const a = linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" });
    sb.write({ "home/.a": "mine" });
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [a]);
    expect(r.ok).toBe(false);
    expect(r.outcomes[0]).toMatchObject({ status: "stale" });
    expect(sb.read("home/.a")).toBe("mine");
    expectBytesKept(before, sb);
  });

  // create checks "nothing at the target" by symlink(2)/link(2) failing with EEXIST (no probe
  // first): whatever appeared, with or without parents to make, is kept and reported stale.
  for (const [what, put] of [
    ["a file", (sb: Sandbox, t: string) => sb.write({ [t]: "mine" })],
    ["a directory", (sb: Sandbox, t: string) => sb.write({ [`${t}/inner`]: "mine" })],
    ["a dangling symlink", (sb: Sandbox, t: string) => fs.symlinkSync("/nowhere", sb.p(t))],
  ] as const) {
    for (const type of ["symlink", "hardlink"] as const) {
      it(`${type} create: ${what} appeared under a parent made meanwhile → stale, kept`, async () => {
        const sb = sandbox({ "repo/a": "A" });
        const a = linkAction(sb, { kind: "create", type, target: "home/new/dir/.a", source: "repo/a", mkdirs: ["home/new", "home/new/dir"] });
        fs.mkdirSync(sb.p("home/new/dir"), { recursive: true });
        put(sb, "home/new/dir/.a");
        const before = contentHashes(sb.snapshot());
        const r = await run(sb, [a]);
        expect(r.ok).toBe(false);
        expect(r.outcomes[0]).toMatchObject({ status: "stale", detail: "something appeared at the target" });
        expectBytesKept(before, sb);
        if (what === "a dangling symlink") expect(sb.readlink("home/new/dir/.a")).toBe(storedLinkText("/nowhere"));
      });
    }
  }

  it("skips a hard link as stale when the source was replaced since planning", async () => {
    const sb = sandbox({ "repo/a": "A" });
    const a = linkAction(sb, { kind: "create", type: "hardlink", target: "home/.a", source: "repo/a" });
    fs.renameSync(sb.p("repo/a"), sb.p("repo/a.old"));
    sb.write({ "repo/a": "A2" });
    const r = await run(sb, [a]);
    expect(r.outcomes[0]).toMatchObject({ status: "stale" });
    expect(sb.exists("home/.a")).toBe(false);
  });
});

describe("repair", () => {
  it("replaces a dangling symlink through a temp sibling renamed over it", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { symlink: "/nowhere/old" } });
    const r = await run(sb, [linkAction(sb, { kind: "repair", target: "home/.a", source: "repo/a" })]);
    expect(r.outcomes[0]!.status).toBe("done");
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    noTempLeft(sb);
  });

  it("turns a symlink into a hard link when a hard link is wanted", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { symlink: "../repo/a" } });
    await run(sb, [linkAction(sb, { kind: "repair", type: "hardlink", target: "home/.a", source: "repo/a" })]);
    expect(fs.lstatSync(sb.p("home/.a")).isFile()).toBe(true);
    expect(sb.ino("home/.a")).toBe(sb.ino("repo/a"));
    noTempLeft(sb);
  });

  it("replaces a regular file with identical content by the link (the bytes are in the source)", async () => {
    const sb = sandbox({ "repo/a": "same", "home/.a": "same" });
    const before = contentHashes(sb.snapshot());
    await run(sb, [linkAction(sb, { kind: "repair", target: "home/.a", source: "repo/a" })]);
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    expectBytesKept(before, sb);
  });
});

describe("replace: backup", () => {
  it("keeps a file in the way as TARGET.linkfarm-bak, the same inode, byte for byte", async () => {
    const sb = sandbox({ "repo/a": "new", "home/.a": "precious\n" });
    const ino = sb.ino("home/.a");
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [linkAction(sb, { kind: "replace", resolution: "backup", target: "home/.a", source: "repo/a" })]);
    expect(r.outcomes[0]).toMatchObject({ status: "done", backup: sb.p("home/.a.linkfarm-bak") });
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    expect(sb.read("home/.a.linkfarm-bak")).toBe("precious\n");
    expect(sb.ino("home/.a.linkfarm-bak")).toBe(ino);
    expect(readStateFile(sb).backups).toMatchObject([{ target: sb.p("home/.a"), backup: sb.p("home/.a.linkfarm-bak") }]);
    expectBytesKept(before, sb);
    noTempLeft(sb);
  });

  it("never overwrites an earlier backup: it takes .1, then .2", async () => {
    const sb = sandbox({
      "repo/a": "new",
      "home/.a": "third",
      "home/.a.linkfarm-bak": "first",
      "home/.a.linkfarm-bak.1": "second",
    });
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [linkAction(sb, { kind: "replace", resolution: "backup", target: "home/.a", source: "repo/a" })]);
    expect(r.outcomes[0]!.backup).toBe(sb.p("home/.a.linkfarm-bak.2"));
    expect(sb.read("home/.a.linkfarm-bak")).toBe("first");
    expect(sb.read("home/.a.linkfarm-bak.1")).toBe("second");
    expect(sb.read("home/.a.linkfarm-bak.2")).toBe("third");
    expectBytesKept(before, sb);
  });

  it("keeps a foreign symlink as a backup symlink with the same text", async () => {
    const sb = sandbox({ "repo/a": "new", "elsewhere/a": "theirs", "home/.a": { symlink: "../elsewhere/a" } });
    await run(sb, [linkAction(sb, { kind: "replace", resolution: "backup", target: "home/.a", source: "repo/a" })]);
    expect(sb.readlink("home/.a.linkfarm-bak")).toBe(storedLinkText("../elsewhere/a"));
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
  });

  it("moves a non-empty directory in the way aside whole", async () => {
    const sb = sandbox({ "repo/nvim/init.lua": "new", "home/.config/nvim/init.lua": "old", "home/.config/nvim/x/y": "deep" });
    const before = contentHashes(sb.snapshot());
    await run(sb, [linkAction(sb, { kind: "replace", resolution: "backup", target: "home/.config/nvim", source: "repo/nvim" })]);
    expect(sb.readlink("home/.config/nvim")).toBe(sb.p("repo/nvim"));
    expect(sb.read("home/.config/nvim.linkfarm-bak/init.lua")).toBe("old");
    expect(sb.read("home/.config/nvim.linkfarm-bak/x/y")).toBe("deep");
    expectBytesKept(before, sb);
  });
});

describe("replace: overwrite", () => {
  it("puts the link over a file in the way", async () => {
    const sb = sandbox({ "repo/a": "new", "home/.a": "old" });
    await run(sb, [linkAction(sb, { kind: "replace", resolution: "overwrite", target: "home/.a", source: "repo/a" })]);
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    expect(sb.exists("home/.a.linkfarm-bak")).toBe(false);
    noTempLeft(sb);
  });

  it("removes an empty directory in the way", async () => {
    const sb = sandbox({ "repo/d/f": "x", "home/d": { dir: true } });
    await run(sb, [linkAction(sb, { kind: "replace", resolution: "overwrite", target: "home/d", source: "repo/d" })]);
    expect(sb.readlink("home/d")).toBe(sb.p("repo/d"));
  });

  it("never deletes a directory that is no longer empty at act time: stale, contents kept", async () => {
    const sb = sandbox({ "repo/d/f": "x", "home/d": { dir: true } });
    const a = linkAction(sb, { kind: "replace", resolution: "overwrite", target: "home/d", source: "repo/d" });
    sb.write({ "home/d/new-file": "arrived" });
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [a]);
    expect(r.outcomes[0]!.status).toBe("stale");
    expect(sb.read("home/d/new-file")).toBe("arrived");
    expectBytesKept(before, sb);
    noTempLeft(sb);
  });
});

describe("replace: adopt", () => {
  it("writes the target's bytes into the source in place, so other names of the source see them", async () => {
    const sb = sandbox({ "repo/a": "repo version", "other/name": { hardlink: "repo/a" }, "home/.a": "my edits\n" });
    const srcIno = sb.ino("repo/a");
    const r = await run(sb, [linkAction(sb, { kind: "replace", resolution: "adopt", target: "home/.a", source: "repo/a" })]);
    expect(r.outcomes[0]!.status).toBe("done");
    expect(sb.ino("repo/a")).toBe(srcIno);
    expect(sb.read("repo/a")).toBe("my edits\n");
    expect(sb.read("other/name")).toBe("my edits\n");
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
  });

  it("adopts into a hard link: the target becomes a name of the source, holding the adopted bytes", async () => {
    const sb = sandbox({ "repo/a": "repo", "home/.a": "mine" });
    await run(sb, [linkAction(sb, { kind: "replace", resolution: "adopt", type: "hardlink", target: "home/.a", source: "repo/a" })]);
    expect(sb.ino("home/.a")).toBe(sb.ino("repo/a"));
    expect(sb.read("home/.a")).toBe("mine");
    noTempLeft(sb);
  });
});

describe("remove (prune)", () => {
  // An absolute link text elsewhere (on Windows, on the current drive).
  const X = path.resolve("/x/repo/a");
  it("deletes a symlink that is still exactly what linkfarm made", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { symlink: X } });
    const state = { formatVersion: 1 as const, manifest: "m", links: { [sb.p("home/.a")]: { type: "symlink" as const, source: X, linkText: X } }, dirs: [], backups: [] };
    const r = await run(sb, [removeAction(sb, { target: "home/.a", type: "symlink", kind: "remove" })], { state });
    expect(r.outcomes[0]!.status).toBe("done");
    expect(sb.exists("home/.a")).toBe(false);
    expect(readStateFile(sb).links).toEqual({});
  });

  it("never removes a path that changed since it was planned", async () => {
    const sb = sandbox({ "home/.a": { symlink: X } });
    const a = removeAction(sb, { target: "home/.a", type: "symlink", kind: "remove" });
    fs.unlinkSync(sb.p("home/.a"));
    sb.write({ "home/.a": "user's file now" });
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [a]);
    expect(r.outcomes[0]!.status).toBe("stale");
    expect(sb.read("home/.a")).toBe("user's file now");
    expectBytesKept(before, sb);
  });

  it("removes links, then directories deepest first, whatever order a saved plan lists them in", async () => {
    const sb = sandbox({ "home/a/b/.x": { symlink: path.resolve("/x/repo/x") } });
    const r = await run(sb, [
      removeAction(sb, { target: "home/a", type: "dir", kind: "remove" }),
      removeAction(sb, { target: "home/a/b", type: "dir", kind: "remove" }),
      removeAction(sb, { target: "home/a/b/.x", type: "symlink", kind: "remove" }),
    ]);
    expect(r.outcomes.map((o) => o.status)).toEqual(["done", "done", "done"]);
    expect(sb.exists("home/a")).toBe(false);
  });

  it("deletes a hard link only while another name of its data exists", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { hardlink: "repo/a" } });
    await run(sb, [removeAction(sb, { target: "home/.a", type: "hardlink", kind: "remove" })]);
    expect(sb.exists("home/.a")).toBe(false);
    expect(sb.read("repo/a")).toBe("A");
  });

  it("never removes the last name of some data: the source went away meanwhile → stale, kept", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { hardlink: "repo/a" } });
    const a = removeAction(sb, { target: "home/.a", type: "hardlink", kind: "remove" });
    fs.unlinkSync(sb.p("repo/a"));
    const before = contentHashes(sb.snapshot());
    const r = await run(sb, [a]);
    expect(r.outcomes[0]!.status).toBe("stale");
    expect(sb.read("home/.a")).toBe("A");
    expectBytesKept(before, sb);
  });

  it("forget leaves the path alone and drops it from state", async () => {
    const sb = sandbox({ "home/.a": "last name of data" });
    const state = { formatVersion: 1 as const, manifest: "m", links: { [sb.p("home/.a")]: { type: "hardlink" as const, source: "/gone", dev: 1, ino: 2 } }, dirs: [], backups: [] };
    const r = await run(sb, [removeAction(sb, { target: "home/.a", type: "hardlink", kind: "forget" })], { state });
    expect(r.outcomes[0]!.status).toBe("done");
    expect(r.changed).toBe(false);
    expect(sb.read("home/.a")).toBe("last name of data");
    expect(readStateFile(sb).links).toEqual({});
  });

  it("removes created directories deepest first, and keeps one that is not empty", async () => {
    const sb = sandbox({ "home/a/b/c": { dir: true }, "home/k/user-file": "u" });
    const state = { formatVersion: 1 as const, manifest: "m", links: {}, dirs: [sb.p("home/a"), sb.p("home/a/b"), sb.p("home/a/b/c"), sb.p("home/k")], backups: [] };
    const r = await run(
      sb,
      [
        removeAction(sb, { target: "home/a", type: "dir", kind: "remove" }),
        removeAction(sb, { target: "home/a/b", type: "dir", kind: "remove" }),
        removeAction(sb, { target: "home/a/b/c", type: "dir", kind: "remove" }),
        removeAction(sb, { target: "home/k", type: "dir", kind: "remove" }),
      ],
      { state },
    );
    expect(r.outcomes.map((o) => o.status)).toEqual(["done", "done", "done", "unchanged"]);
    expect(sb.exists("home/a")).toBe(false);
    expect(sb.read("home/k/user-file")).toBe("u");
    expect(readStateFile(sb).dirs).toEqual([sb.p("home/k")]);
  });
});

describe("the plan as a whole", () => {
  it("changes nothing at all when the plan holds a conflict", async () => {
    const sb = sandbox({ "repo/a": "A", "repo/b": "B", "home/.b": "in the way" });
    const before = sb.snapshot();
    const conflict = { ...linkAction(sb, { kind: "create", target: "home/.b", source: "repo/b" }), kind: "conflict" as const };
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" }), conflict]);
    expect(r.ok).toBe(false);
    expect(r.blocked?.map((a) => a.target)).toEqual([sb.p("home/.b")]);
    expect(sb.snapshot()).toEqual(before);
    expect(fs.existsSync(sb.stateDir)).toBe(false);
  });

  it("runs the before hook only when something will change, and the after hook only when something changed", async () => {
    const sb = sandbox({ "repo/a": "A" });
    const ran: string[] = [];
    const runHook = async (command: string) => {
      ran.push(command);
      return { command, exitCode: 0, output: "" };
    };
    const hooks = { before: ["b"], after: ["a"] };
    await run(sb, [linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" })], { hooks, runHook });
    expect(ran).toEqual(["b", "a"]);
    ran.length = 0;
    const ok = { ...linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" }), kind: "ok" as const };
    await run(sb, [ok], { hooks, runHook });
    expect(ran).toEqual([]);
  });

  it("a failing before hook means no action runs; its command, exit code and output are returned", async () => {
    const sb = sandbox({ "repo/a": "A" });
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" })], {
      hooks: { before: [failingHook("about to fail", 3), "echo never"], after: ["echo after"] },
      runHook: undefined,
      env: sb.env,
    });
    expect(r.ok).toBe(false);
    expect(r.hookError).toMatchObject({ phase: "before", command: failingHook("about to fail", 3), exitCode: 3, output: "about to fail" });
    expect(sb.exists("home/.a")).toBe(false);
  });

  it("a failing after hook fails the run, the links it made stay made and recorded", async () => {
    const sb = sandbox({ "repo/a": "A" });
    const runHook = async (command: string) => ({ command, exitCode: 2, output: "oops" });
    const r = await run(sb, [linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" })], {
      hooks: { before: [], after: ["notify"] },
      runHook,
    });
    expect(r.ok).toBe(false);
    expect(r.hookError).toMatchObject({ phase: "after", exitCode: 2, output: "oops" });
    expect(sb.readlink("home/.a")).toBe(sb.p("repo/a"));
    expect(Object.keys(readStateFile(sb).links)).toEqual([sb.p("home/.a")]);
  });

  it("records an `ok` link that state does not know yet, so that prune can later remove it", async () => {
    const sb = sandbox({ "repo/a": "A", "home/.a": { symlink: "/placeholder" } });
    fs.unlinkSync(sb.p("home/.a"));
    fs.symlinkSync(sb.p("repo/a"), sb.p("home/.a"));
    const ok = { ...linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" }), kind: "ok" as const };
    const r = await run(sb, [ok]);
    expect(r.changed).toBe(false);
    expect(readStateFile(sb).links[sb.p("home/.a")]).toMatchObject({ linkText: sb.p("repo/a") });
  });
});
