import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { storedLinkText, tilde, touchHook } from "../helpers/posix.js";
import { contentHashes, sandbox, type Sandbox } from "../helpers/sandbox.js";

const YAML = `version: 1
defaults: { conflict: backup }
links:
  - { source: a, target: .a }
  - { source: bin, target: .local/bin, tree: true, type: hardlink }
`;

const cli = (sb: Sandbox, ...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });

function farm() {
  return sandbox({
    "repo/linkfarm.yaml": YAML,
    "repo/a": "from repo\n",
    "repo/bin/t": "tool\n",
    "home/.a": "user's original\n",
  });
}

describe("linkfarm unlink", () => {
  it("removes every managed link and the directories linkfarm created, keeping the sources", async () => {
    const sb = farm();
    await cli(sb, "apply");
    const r = await cli(sb, "unlink");
    expect(r.code).toBe(0);
    expect(sb.exists("home/.a")).toBe(false);
    expect(sb.exists("home/.local")).toBe(false);
    expect(sb.read("repo/bin/t")).toBe("tool\n");
    expect(sb.read("home/.a.linkfarm-bak")).toBe("user's original\n");
    expect((await cli(sb, "unlink")).stdout).toContain("Nothing to unlink");
  });

  it("runs no hooks: they belong to apply", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": `version: 1\nhooks: { before: ["${touchHook("before-ran")}"], after: ["${touchHook("after-ran")}"] }\nlinks:\n  - { source: a, target: .a }\n`,
      "repo/a": "a\n",
    });
    expect((await cli(sb, "apply")).code).toBe(0);
    fs.rmSync(sb.p("repo/before-ran"));
    fs.rmSync(sb.p("repo/after-ran"));
    const r = await cli(sb, "unlink");
    expect(r.code).toBe(0);
    expect(sb.exists("home/.a")).toBe(false);
    expect([sb.exists("repo/before-ran"), sb.exists("repo/after-ran")]).toEqual([false, false]);
  });

  it("--restore renames recorded backups back into place, byte for byte", async () => {
    const sb = farm();
    const before = contentHashes(sb.snapshot());
    await cli(sb, "apply");
    const r = await cli(sb, "unlink", "--restore");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`restored ${tilde(".a")}`);
    expect(sb.read("home/.a")).toBe("user's original\n");
    expect(sb.exists("home/.a.linkfarm-bak")).toBe(false);
    const after = contentHashes(sb.snapshot());
    for (const h of before) expect(after.has(h)).toBe(true);
  });

  it("never removes the last name of some data: the hard link stays when its source is gone", async () => {
    const sb = farm();
    await cli(sb, "apply");
    fs.unlinkSync(sb.p("repo/bin/t"));
    const r = await cli(sb, "unlink");
    expect(r.code).toBe(0);
    expect(sb.read("home/.local/bin/t")).toBe("tool\n");
  });

  it("never removes a link that changed since linkfarm made it", async () => {
    const sb = farm();
    await cli(sb, "apply");
    fs.unlinkSync(sb.p("home/.a"));
    fs.writeFileSync(sb.p("home/.a"), "new user file\n");
    await cli(sb, "unlink");
    expect(sb.read("home/.a")).toBe("new user file\n");
  });

  it("--dry-run changes nothing and says what --restore would do", async () => {
    const sb = farm();
    await cli(sb, "apply");
    const before = sb.snapshot();
    const r = await cli(sb, "unlink", "--dry-run", "--restore");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`would restore ${tilde(".a")}`);
    expect(sb.snapshot()).toEqual(before);
  });
  it("counts links and directories apart, and gives a removal the reason 'unlinked'", async () => {
    const sb = farm();
    await cli(sb, "apply");
    const r = await cli(sb, "unlink", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.applied).toMatchObject({ removed: 2, dirsRemoved: 2, forgotten: 0 });
    const links = doc.actions.filter((a: { type: string }) => a.type !== "dir");
    expect(links.map((a: { kind: string; reasonCode: string }) => [a.kind, a.reasonCode])).toEqual([
      ["remove", "unlinked"],
      ["remove", "unlinked"],
    ]);
    const sb2 = farm();
    await cli(sb2, "apply");
    const text = await cli(sb2, "unlink");
    expect(text.stdout).toContain("2 removed, 0 unchanged; removed 2 directories.");
  });

  it("a link it leaves in place is forgotten, not removed, and 'the source is gone' only when it is", async () => {
    const sb = farm();
    await cli(sb, "apply");
    fs.unlinkSync(sb.p("repo/bin/t"));
    const r = await cli(sb, "unlink", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const t = doc.actions.find((a: { target: string }) => a.target === sb.p("home/.local/bin/t"));
    expect(t).toMatchObject({ kind: "forget", reasonCode: "last-name" });
    expect(doc.summary).toMatchObject({ forget: 1 });
    expect(doc.applied).toMatchObject({ removed: 1, forgotten: 1 });
    expect(sb.read("home/.local/bin/t")).toBe("tool\n");

    const sb2 = farm();
    await cli(sb2, "apply");
    fs.writeFileSync(sb2.p("repo/bin/t.new"), "a new tool\n");
    fs.renameSync(sb2.p("repo/bin/t.new"), sb2.p("repo/bin/t"));
    const doc2 = JSON.parse((await cli(sb2, "unlink", "--json")).stdout);
    const t2 = doc2.actions.find((a: { target: string }) => a.target === sb2.p("home/.local/bin/t"));
    expect(t2).toMatchObject({ kind: "forget", reasonCode: "last-name-source-replaced" });
    expect(sb2.read("home/.local/bin/t")).toBe("tool\n");
  });

  it("a stranger's dangling symlink is a conflict; backup keeps it and --restore brings it back", async () => {
    const sb = sandbox({
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - { source: gitconfig, target: .gitconfig }\n",
      "repo/gitconfig": "[user]\n",
      "home/.gitconfig": { symlink: "/mnt/nas-not-mounted/me/gitconfig" },
    });
    const nas = storedLinkText("/mnt/nas-not-mounted/me/gitconfig");
    const plain = await cli(sb, "apply");
    expect(plain.code).toBe(1);
    expect(sb.readlink("home/.gitconfig")).toBe(nas);
    const plan = JSON.parse((await cli(sb, "plan", "--json")).stdout);
    expect(plan.actions[0]).toMatchObject({ kind: "conflict", reasonCode: "foreign-dangling-symlink", fixes: ["backup", "overwrite"] });
    expect(plan.actions[0].reason).toContain(nas);

    expect((await cli(sb, "apply", "--conflict", "backup")).code).toBe(0);
    expect(sb.readlink("home/.gitconfig")).toBe(sb.p("repo/gitconfig"));
    expect(sb.readlink("home/.gitconfig.linkfarm-bak")).toBe(nas);

    const u = await cli(sb, "unlink", "--restore");
    expect(u.code).toBe(0);
    expect(sb.readlink("home/.gitconfig")).toBe(nas);
    expect(sb.exists("home/.gitconfig.linkfarm-bak")).toBe(false);
  });
});
