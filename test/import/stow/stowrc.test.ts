// `import stow` reads Stow's resource files (~/.stowrc, then ./.stowrc) and takes --ignore,
// --defer and --override as Stow does: what it carries changes the manifest, what it cannot
// carry is a "dropped" line at the file's line, exit 1.

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RawManifest } from "../../../src/manifest/types.js";
import { runCli } from "../../helpers/cli.js";
import { storedLinkText } from "../../helpers/posix.js";
import { sandbox, type Tree } from "../../helpers/sandbox.js";

const PKGS: Tree = {
  "home/dotfiles/vim/.vimrc": "v\n",
  "home/dotfiles/vim/.vim/x.swp": "swap\n",
  "home/dotfiles/vim/dot-gvimrc": "g\n",
  "home/dotfiles/bash/.bashrc": "b\n",
  "work/.keep": "",
  "alt/.keep": "",
};

async function importIn(sb: ReturnType<typeof sandbox>, cwd: string, args: string[]) {
  const r = await runCli(["import", "stow", ...args], { cwd, env: sb.env });
  return { ...r, m: r.stdout ? (parse(r.stdout) as RawManifest) : undefined };
}

describe("import stow: .stowrc", () => {
  it("~/.stowrc's --dir, --target (~ and $VAR expanded), --dotfiles and --ignore are carried, from any directory", async () => {
    const sb = sandbox({
      ...PKGS,
      "home/.stowrc": "--dir=$HOME/dotfiles\n-t ~/../alt   --dotfiles\n--ignore=\\.swp\n",
    });
    const r = await importIn(sb, sb.p("work"), ["vim"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.m?.target).toBe(sb.p("alt"));
    expect(r.m?.ignore).toContain("**/*.swp");
    expect(r.m?.links).toContainEqual({ source: "vim/dot-gvimrc", target: ".gvimrc" });
    expect(r.stdout).toContain("Options read from ~/.stowrc");
  });

  it("./.stowrc comes after ~/.stowrc (its --target wins) and the command line wins over both", async () => {
    const sb = sandbox({
      ...PKGS,
      "home/.stowrc": "--target=/nonexistent-a\n",
      "home/dotfiles/.stowrc": "--target=../../alt\n",
    });
    const r = await importIn(sb, sb.p("home/dotfiles"), ["bash"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.m?.target).toBe(sb.p("alt"));
    const cli = await importIn(sb, sb.p("home/dotfiles"), ["-t", sb.home, "bash"]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.m?.target).toBe("~");
  });

  it("bundled short options, abbreviations and ignored words: -nv -d DIR, --targ=DIR, package names, -R", async () => {
    const sb = sandbox({ ...PKGS, "home/.stowrc": "-nv -d ~/dotfiles\n--targ=~\nbash -R\n" });
    const r = await importIn(sb, sb.p("work"), ["vim"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.m?.target).toBe("~");
    expect(r.m?.source).toBe(".");
    expect(r.m?.links?.map((l) => (l as { source: string }).source)).not.toContain("bash");
  });

  it("--adopt becomes conflict: adopt", async () => {
    const sb = sandbox({ ...PKGS, "home/dotfiles/.stowrc": "--adopt\n" });
    const r = await importIn(sb, sb.p("home/dotfiles"), ["bash"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.m?.defaults?.conflict).toBe("adopt");
  });

  it("what cannot be carried is dropped with FILE:LINE, exit 1, and the manifest is still printed", async () => {
    const sb = sandbox({
      ...PKGS,
      "home/dotfiles/.stowrc": "--no-folding\n--defer=\\.config\n--frobnicate\n--dir=$NOPE_UNSET/x\n--ignore=(\n",
    });
    const r = await importIn(sb, sb.p("home/dotfiles"), ["bash"]);
    expect(r.code).toBe(1);
    expect(r.m?.links?.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^\.stowrc:2:1: dropped: --defer=\\\.config/m);
    expect(r.stderr).toMatch(/^\.stowrc:3:1: dropped: unknown Stow option --frobnicate/m);
    expect(r.stderr).toMatch(/^\.stowrc:4:1: dropped: --dir=\$NOPE_UNSET\/x: references undefined environment variable \$NOPE_UNSET/m);
    expect(r.stderr).toMatch(/^\.stowrc:5:1: dropped: --ignore=\(/m);
    expect(r.stderr).not.toMatch(/no-folding/);
  });
});

describe("import stow: --ignore, --defer, --override on the command line", () => {
  it("--ignore skips paths ending in the regex (as Stow's REGEX\\z), and becomes a glob", async () => {
    const sb = sandbox(PKGS);
    const r = await importIn(sb, sb.p("home/dotfiles"), ["--ignore", "\\.swp", "--ignore=m/\\.vimrc", "vim", "bash"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.m?.ignore).toEqual(expect.arrayContaining(["**/*.swp", "**/*m/.vimrc"]));
    sb.write({ "home/dotfiles/linkfarm.yaml": r.stdout });
    const applied = await runCli(["apply"], { cwd: sb.p("home/dotfiles"), env: sb.env });
    expect(applied.code, applied.stderr).toBe(0);
    // m/\.vimrc\z matches the path inside the package (".vimrc" has no "m/" before it)
    expect(sb.readlink("home/.vimrc")).toBe(storedLinkText("dotfiles/vim/.vimrc"));
    expect(sb.readlink("home/.bashrc")).toBe(storedLinkText("dotfiles/bash/.bashrc"));
    expect(sb.exists("home/.vim/x.swp")).toBe(false);
    expect(sb.readlink("home/dot-gvimrc")).toBe(storedLinkText("dotfiles/vim/dot-gvimrc"));
  });

  it("--override is carried with a note (exit 0); --defer is dropped (exit 1)", async () => {
    const sb = sandbox(PKGS);
    const o = await importIn(sb, sb.p("home/dotfiles"), ["--override=\\.vim", "vim"]);
    expect(o.code, o.stderr).toBe(0);
    expect(o.stderr).toMatch(/note: --override=\\\.vim/);
    const d = await importIn(sb, sb.p("home/dotfiles"), ["--defer=\\.vim", "vim"]);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/^dropped: --defer=\\\.vim/m);
  });

  it("the Stow-only flags are refused for dotbot", async () => {
    const sb = sandbox({ "home/dotfiles/install.conf.yaml": "- link:\n    ~/.x: x\n" });
    const r = await runCli(["import", "dotbot", "--ignore=x"], { cwd: sb.p("home/dotfiles"), env: sb.env });
    expect(r.code).toBe(1);
  });
});
