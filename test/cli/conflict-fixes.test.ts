// Every conflict carries the policies that resolve it (the planner decides; reporters print it),
// and every policy offered really resolves it: applied through the CLI, it succeeds and keeps the
// bytes its policy promises to keep.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { describe, expect, it, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { posixOnly, storedLinkText } from "../helpers/posix.js";
import { sandbox, type Sandbox, type Tree } from "../helpers/sandbox.js";

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

interface Scenario {
  code: string;
  /** The manifest entry (YAML flow map) for the link at ~/t. */
  entry: string;
  tree: Tree;
  /** Turn the sandbox into the conflict (after an optional first apply). */
  setup?: (sb: Sandbox) => Promise<void> | void;
  fixes: string[];
  /** What was at ~/t before, as it must come back in a backup or in the source (adopt). */
  kept?: { file?: string; symlink?: string; dirEntry?: string };
  /** Two regular files: the side made newer (by an hour), which `newer` keeps. */
  newer?: "target" | "source";
  /** Why the scenario cannot be made on Windows, if it cannot. */
  posixOnly?: string;
}

// Make one side an hour newer than the other (file systems store times coarsely: two files
// written in a row often have equal times, and then `newer` cannot decide).
function makeNewer(sb: Sandbox, side: "target" | "source"): void {
  const [win, lose] = side === "target" ? ["home/t", "repo/s"] : ["repo/s", "home/t"];
  const base = fs.statSync(sb.p(lose)).mtimeMs / 1000;
  fs.utimesSync(sb.p(win), base + 3600, base + 3600);
}

async function applyThenReplace(sb: Sandbox, rel: string, content: string): Promise<void> {
  expect((await cli(sb, "apply")).code).toBe(0);
  // An editor's save: a new file renamed over the old name.
  fs.writeFileSync(sb.p(`${rel}.new`), content);
  fs.renameSync(sb.p(`${rel}.new`), sb.p(rel));
}

const SCENARIOS: Scenario[] = [
  {
    code: "different-content",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n", "home/t": "user's file\n" },
    setup: (sb) => makeNewer(sb, "target"),
    fixes: ["backup", "overwrite", "adopt", "newer"],
    kept: { file: "user's file\n" },
    newer: "target",
  },
  {
    // A regular file in the way of a directory source: adopt cannot take it (issue 13, item 8).
    code: "different-content",
    entry: "{ source: d, target: t }",
    tree: { "repo/d/inner": "inner\n", "home/t": "user's file\n" },
    fixes: ["backup", "overwrite"],
    kept: { file: "user's file\n" },
  },
  {
    code: "directory",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n", "home/t": { dir: true } },
    fixes: ["backup", "overwrite"],
  },
  {
    code: "nonempty-directory",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n", "home/t/keep": "kept\n" },
    fixes: ["backup"],
    kept: { dirEntry: "keep" },
  },
  {
    code: "foreign-symlink",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n", "elsewhere/z": "z\n", "home/t": { symlink: "../elsewhere/z" } },
    fixes: ["backup", "overwrite"],
    kept: { symlink: "../elsewhere/z" },
  },
  {
    code: "foreign-dangling-symlink",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n", "home/t": { symlink: "/mnt/nas-not-mounted/me/t" } },
    fixes: ["backup", "overwrite"],
    kept: { symlink: "/mnt/nas-not-mounted/me/t" },
  },
  {
    code: "diverged",
    entry: "{ source: s, target: t, type: hardlink }",
    tree: { "repo/s": "source\n" },
    setup: async (sb) => {
      await applyThenReplace(sb, "home/t", "edited in place of the link\n");
      makeNewer(sb, "target");
    },
    fixes: ["backup", "overwrite", "adopt", "newer"],
    kept: { file: "edited in place of the link\n" },
    newer: "target",
  },
  {
    code: "source-replaced-diverged",
    entry: "{ source: s, target: t, type: hardlink }",
    tree: { "repo/s": "source\n" },
    setup: async (sb) => {
      await applyThenReplace(sb, "repo/s", "the source, saved by rename\n");
      makeNewer(sb, "source");
    },
    fixes: ["backup", "overwrite", "adopt", "newer"],
    kept: { file: "source\n" },
    newer: "source",
  },
  {
    code: "special-file",
    entry: "{ source: s, target: t }",
    tree: { "repo/s": "source\n" },
    setup: (sb) => {
      execFileSync("mkfifo", [sb.p("home/t")]);
    },
    fixes: ["backup", "overwrite"],
    posixOnly: "a FIFO made with mkfifo",
  },
];

async function conflictAt(sb: Sandbox, ...args: string[]) {
  const r = await cli(sb, "plan", "--json", ...args);
  const doc = JSON.parse(r.stdout) as { actions: { kind: string; target: string; reasonCode: string; fixes?: string[] }[] };
  return doc.actions.find((a) => a.target === sb.p("home/t"))!;
}

async function scenario(s: Scenario): Promise<Sandbox> {
  const sb = sandbox({ ...s.tree, "repo/linkfarm.yaml": `version: 1\nlinks:\n  - ${s.entry}\n` });
  await s.setup?.(sb);
  return sb;
}

describe("every conflict lists the policies that resolve it, and each one does", () => {
  for (const s of SCENARIOS) {
    const it = s.posixOnly !== undefined && posixOnly(s.posixOnly) ? test.skip : test;
    it(`${s.code} (${s.entry}): fixes ${s.fixes.join(", ")}`, async () => {
      const planned = await conflictAt(await scenario(s));
      expect(planned).toMatchObject({ kind: "conflict", reasonCode: s.code, fixes: s.fixes });
    });

    for (const policy of s.fixes) {
      it(`${s.code} (${s.entry}): --conflict ${policy} applies and keeps what it promises`, async () => {
        const sb = await scenario(s);
        const r = await cli(sb, "apply", "--conflict", policy);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        expect((await cli(sb, "plan", "--json")).code).toBe(0);
        expect((await conflictAt(sb)).kind).toBe("ok");
        const bak = "home/t.linkfarm-bak";
        if (policy === "backup" && s.kept?.file !== undefined) expect(sb.read(bak)).toBe(s.kept.file);
        if (policy === "backup" && s.kept?.symlink !== undefined) expect(sb.readlink(bak)).toBe(storedLinkText(s.kept.symlink));
        if (policy === "backup" && s.kept?.dirEntry !== undefined) expect(sb.exists(`${bak}/${s.kept.dirEntry}`)).toBe(true);
        if (policy === "backup") expect(sb.exists(bak)).toBe(true);
        if (policy === "adopt" && s.kept?.file !== undefined) expect(sb.read("repo/s")).toBe(s.kept.file);
        if (policy === "newer" && s.newer === "target") expect(sb.read("repo/s")).toBe(s.kept?.file);
        if (policy === "newer" && s.newer === "source") expect(sb.read(bak)).toBe(s.kept?.file);
      });
    }
  }

  it("a policy the conflict does not allow stays a conflict, and the hint never suggests it", async () => {
    const s = SCENARIOS[1]!;
    const sb = await scenario(s);
    expect(await conflictAt(sb, "--conflict", "adopt")).toMatchObject({
      kind: "conflict",
      reasonCode: "adopt-impossible",
      fixes: ["backup", "overwrite"],
    });
    const text = await cli(sb, "plan", "--conflict", "adopt");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("--conflict backup or --conflict overwrite.");
    expect(text.stdout).not.toMatch(/re-run with.*adopt/);
  });
});
