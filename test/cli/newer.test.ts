// `conflict: newer` against what sync clients and editors really do to hard links: save by
// rename (either side, or both), keep the remote modification time, or keep equal times. Every
// case: both contents are still on disk after the run, and `unlink --restore` brings the losing
// content back where it was.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { contentHashes, sandbox, snapshotTree, type Sandbox } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

const BASE = 1_700_000_000; // seconds; every time below is set relative to it

// Set a file's modification time (seconds, fractions allowed).
function setTime(sb: Sandbox, rel: string, secs: number): void {
  fs.utimesSync(sb.p(rel), secs, secs);
}

// An editor's or sync client's save: a new file renamed over the old name, with its own time.
function saveByRename(sb: Sandbox, rel: string, content: string, secs: number): void {
  fs.writeFileSync(sb.p(`${rel}.part`), content);
  setTime(sb, `${rel}.part`, secs);
  fs.renameSync(sb.p(`${rel}.part`), sb.p(rel));
}

// A hard link ~/t => repo/s made by a first apply, with the source at BASE.
async function linked(policy = "conflict: newer"): Promise<Sandbox> {
  const sb = sandbox({
    "repo/s": "v1 from the source\n",
    "repo/linkfarm.yaml": `version: 1\nlinks:\n  - { source: s, target: t, type: hardlink, ${policy} }\n`,
  });
  setTime(sb, "repo/s", BASE);
  expect((await cli(sb, "apply")).code).toBe(0);
  expect(sb.ino("home/t")).toBe(sb.ino("repo/s"));
  return sb;
}

interface PlanDoc {
  actions: { kind: string; target: string; reasonCode: string; resolution?: string; winner?: string; fixes?: string[] }[];
}

async function planOf(sb: Sandbox, ...args: string[]) {
  const r = await cli(sb, "plan", "--json", ...args);
  return (JSON.parse(r.stdout) as PlanDoc).actions.find((a) => a.target === sb.p("home/t"))!;
}

// The contents of the user's files (home and repo; not linkfarm's state).
function userContents(sb: Sandbox): Set<string> {
  return new Set([...contentHashes(snapshotTree(sb.p("home"))), ...contentHashes(snapshotTree(sb.p("repo")))]);
}

// Every content present before is present after (the bytes are still somewhere).
function expectAllKept(before: Set<string>, sb: Sandbox): void {
  const after = userContents(sb);
  expect([...before].filter((h) => !after.has(h))).toEqual([]);
}

describe("conflict: newer heals a diverged hard link toward the newer side", () => {
  it("target replaced by rename with newer content: written into the source, the source's content backed up beside it", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "v2 saved in the sync folder\n", BASE + 180);
    expect(await planOf(sb)).toMatchObject({ kind: "replace", reasonCode: "diverged", resolution: "newer", winner: "target" });
    const before = userContents(sb);

    const r = await cli(sb, "apply");
    expect(r.code).toBe(0);
    expect(sb.read("repo/s")).toBe("v2 saved in the sync folder\n");
    expect(sb.ino("home/t")).toBe(sb.ino("repo/s"));
    expect(sb.read("repo/s.linkfarm-bak")).toBe("v1 from the source\n");
    // The backup keeps the source's modification time.
    expect(fs.statSync(sb.p("repo/s.linkfarm-bak")).mtimeMs).toBe(BASE * 1000);
    expectAllKept(before, sb);
    expect((await planOf(sb)).kind).toBe("ok");

    expect((await cli(sb, "unlink", "--restore")).code).toBe(0);
    expect(sb.read("repo/s")).toBe("v1 from the source\n");
    expect(sb.read("home/t")).toBe("v2 saved in the sync folder\n");
    expect(sb.exists("repo/s.linkfarm-bak")).toBe(false);
  });

  it("other names of the source see the target's content (written in place)", async () => {
    const sb = await linked();
    fs.linkSync(sb.p("repo/s"), sb.p("elsewhere"));
    saveByRename(sb, "home/t", "v2\n", BASE + 60);
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.read("elsewhere")).toBe("v2\n");
    expect(sb.ino("elsewhere")).toBe(sb.ino("repo/s"));
  });

  it("source replaced by rename: the target's old content is backed up and the target re-linked", async () => {
    const sb = await linked();
    saveByRename(sb, "repo/s", "v2 saved at the source\n", BASE + 7200);
    expect(await planOf(sb)).toMatchObject({ kind: "replace", reasonCode: "source-replaced-diverged", winner: "source" });
    const before = userContents(sb);

    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.ino("home/t")).toBe(sb.ino("repo/s"));
    expect(sb.read("home/t")).toBe("v2 saved at the source\n");
    expect(sb.read("home/t.linkfarm-bak")).toBe("v1 from the source\n");
    expectAllKept(before, sb);

    expect((await cli(sb, "unlink", "--restore")).code).toBe(0);
    expect(sb.read("home/t")).toBe("v1 from the source\n");
    expect(sb.read("repo/s")).toBe("v2 saved at the source\n");
  });

  for (const newer of ["target", "source"] as const) {
    it(`both replaced by rename, the ${newer} newer: it wins, the other is backed up`, async () => {
      const sb = await linked();
      saveByRename(sb, "home/t", "target side\n", newer === "target" ? BASE + 600 : BASE + 60);
      saveByRename(sb, "repo/s", "source side\n", newer === "source" ? BASE + 600 : BASE + 60);
      expect(await planOf(sb)).toMatchObject({ kind: "replace", resolution: "newer", winner: newer });
      const before = userContents(sb);

      expect((await cli(sb, "apply")).code).toBe(0);
      expect(sb.ino("home/t")).toBe(sb.ino("repo/s"));
      expect(sb.read("home/t")).toBe(`${newer} side\n`);
      const loser = newer === "target" ? "source" : "target";
      const bak = newer === "target" ? "repo/s.linkfarm-bak" : "home/t.linkfarm-bak";
      expect(sb.read(bak)).toBe(`${loser} side\n`);
      expectAllKept(before, sb);

      expect((await cli(sb, "unlink", "--restore")).code).toBe(0);
      expect(sb.read("home/t")).toBe("target side\n");
      expect(sb.read("repo/s")).toBe("source side\n");
    });
  }

  it("equal times with different contents stay a conflict: neither side is newer, and newer is not offered", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "target side\n", BASE + 60);
    saveByRename(sb, "repo/s", "source side\n", BASE + 60);
    expect(await planOf(sb)).toMatchObject({ kind: "conflict", reasonCode: "neither-newer", fixes: ["backup", "overwrite", "adopt"] });
    const before = sb.snapshot();
    const r = await cli(sb, "apply");
    expect(r.code).toBe(1);
    expect(sb.snapshot()).toEqual(before);
  });

  it("a whole-second time and a sub-second one in the same second are equal (compared at seconds)", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "target side\n", BASE + 60);
    saveByRename(sb, "repo/s", "source side\n", BASE + 60.7);
    expect((await planOf(sb)).reasonCode).toBe("neither-newer");
    setTime(sb, "repo/s", BASE + 61.2);
    expect(await planOf(sb)).toMatchObject({ kind: "replace", winner: "source" });
  });

  it("a sync client that keeps the remote (older) time: the source wins and the sync client's version is the backup", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "downloaded by the sync client\n", BASE - 3600);
    expect((await planOf(sb)).winner).toBe("source");
    const before = userContents(sb);
    expect((await cli(sb, "apply")).code).toBe(0);
    expect(sb.read("home/t")).toBe("v1 from the source\n");
    expect(sb.read("home/t.linkfarm-bak")).toBe("downloaded by the sync client\n");
    expectAllKept(before, sb);
    expect((await cli(sb, "unlink", "--restore")).code).toBe(0);
    expect(sb.read("home/t")).toBe("downloaded by the sync client\n");
  });

  it("--conflict newer works for a file in the way (different-content) on a link whose policy is fail", async () => {
    const sb = sandbox({
      "repo/s": "source\n",
      "home/t": "the user's own file\n",
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: s, target: t }\n",
    });
    setTime(sb, "repo/s", BASE);
    setTime(sb, "home/t", BASE + 60);
    expect((await planOf(sb)).kind).toBe("conflict");
    expect(await planOf(sb, "--conflict", "newer")).toMatchObject({ kind: "replace", reasonCode: "different-content", winner: "target" });
    expect((await cli(sb, "apply", "--conflict", "newer")).code).toBe(0);
    expect(sb.readlink("home/t")).toBe(sb.p("repo/s"));
    expect(sb.read("repo/s")).toBe("the user's own file\n");
    expect(sb.read("repo/s.linkfarm-bak")).toBe("source\n");
  });

  it("newer needs two regular files: a directory in the way stays a conflict (newer-impossible)", async () => {
    const sb = sandbox({
      "repo/s": "source\n",
      "home/t/inner": "x\n",
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: s, target: t, conflict: newer }\n",
    });
    expect(await planOf(sb)).toMatchObject({ kind: "conflict", reasonCode: "newer-impossible", fixes: ["backup"] });
  });

  it("a saved plan is stale when the source changed since (its time is re-checked)", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "v2\n", BASE + 600);
    expect((await cli(sb, "plan", "--out", sb.p("plan.json"))).code).toBe(0);
    // The source is edited in place (same inode): only its size and time tell.
    fs.writeFileSync(sb.p("repo/s"), "v1 edited again\n");
    setTime(sb, "repo/s", BASE + 900);
    const before = sb.snapshot();
    const r = await cli(sb, "apply", sb.p("plan.json"));
    expect(r.code).toBe(1);
    expect(sb.snapshot()).toEqual(before);
  });

  it("status says which side of a diverged hard link is newer", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "v2\n", BASE + 180);
    const r = await cli(sb, "status", "--json");
    const doc = JSON.parse(r.stdout) as { links: { health: string; newer?: string }[] };
    expect(doc.links[0]).toMatchObject({ health: "diverged", newer: "target" });
    expect((await cli(sb, "status")).stdout).toContain("target newer by 3 min");
  });

  it("a run with nothing to heal changes nothing (state included) and -q prints nothing", async () => {
    const sb = await linked();
    saveByRename(sb, "home/t", "v2\n", BASE + 180);
    expect((await cli(sb, "apply", "-q", "--conflict", "newer")).code).toBe(0);
    const before = sb.snapshot();
    const stateBefore = fs.readdirSync(sb.stateDir).map((f) => fs.readFileSync(path.join(sb.stateDir, f), "utf8"));
    const r = await cli(sb, "apply", "-q", "--conflict", "newer");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe("");
    expect(sb.snapshot()).toEqual(before);
    expect(fs.readdirSync(sb.stateDir).map((f) => fs.readFileSync(path.join(sb.stateDir, f), "utf8"))).toEqual(stateBefore);
  });
});

describe("a tree of 1,000 hard links where 10 diverged, 5 each way", () => {
  it("heals all 10 toward the newer side, keeps every content, and unlink --restore puts the losers back", async () => {
    const tree: Record<string, string> = {
      "repo/linkfarm.yaml":
        "version: 1\nlinks:\n  - { source: notes, target: OneDrive/notes, tree: true, type: hardlink, conflict: newer }\n",
    };
    for (let i = 0; i < 1000; i++) tree[`repo/notes/n${String(i).padStart(4, "0")}.md`] = `note ${i}\n`;
    const sb = sandbox(tree);
    for (let i = 0; i < 1000; i++) setTime(sb, `repo/notes/n${String(i).padStart(4, "0")}.md`, BASE);
    expect((await cli(sb, "apply")).code).toBe(0);

    const name = (i: number) => `n${String(i).padStart(4, "0")}.md`;
    const targetSide = [3, 150, 400, 777, 999];
    const sourceSide = [0, 42, 500, 501, 888];
    for (const i of targetSide) saveByRename(sb, `home/OneDrive/notes/${name(i)}`, `note ${i}, edited in the sync folder\n`, BASE + 300);
    for (const i of sourceSide) saveByRename(sb, `repo/notes/${name(i)}`, `note ${i}, edited at the source\n`, BASE + 300);
    const before = userContents(sb);

    const r = await cli(sb, "apply", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, number> };
    expect(doc.summary).toMatchObject({ replace: 10, ok: 990, create: 0, conflict: 0 });
    expectAllKept(before, sb);
    for (const i of targetSide) {
      expect(sb.read(`repo/notes/${name(i)}`)).toBe(`note ${i}, edited in the sync folder\n`);
      expect(sb.read(`repo/notes/${name(i)}.linkfarm-bak`)).toBe(`note ${i}\n`);
    }
    for (const i of sourceSide) {
      expect(sb.read(`home/OneDrive/notes/${name(i)}`)).toBe(`note ${i}, edited at the source\n`);
      expect(sb.read(`home/OneDrive/notes/${name(i)}.linkfarm-bak`)).toBe(`note ${i}\n`);
    }
    // The backups beside the sources are not sources: nothing new to link, everything in place.
    const again = JSON.parse((await cli(sb, "plan", "--json")).stdout) as { summary: Record<string, number> };
    expect(again.summary).toMatchObject({ ok: 1000, create: 0, replace: 0, conflict: 0 });

    expect((await cli(sb, "unlink", "--restore")).code).toBe(0);
    for (const i of targetSide) {
      expect(sb.read(`repo/notes/${name(i)}`)).toBe(`note ${i}\n`);
      expect(sb.read(`home/OneDrive/notes/${name(i)}`)).toBe(`note ${i}, edited in the sync folder\n`);
    }
    for (const i of sourceSide) expect(sb.read(`home/OneDrive/notes/${name(i)}`)).toBe(`note ${i}\n`);
    expectAllKept(before, sb);
  });
});
