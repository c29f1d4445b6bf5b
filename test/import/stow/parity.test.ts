// Parity with the real GNU Stow: the same generated packages stowed by Stow into one sandbox
// HOME, and imported + applied by linkfarm into another, give the same links (same link texts,
// same resolved sources); and after importing a farm Stow made, the plan changes nothing.

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { sandbox, type Tree } from "../../helpers/sandbox.js";
import { STOW_DEFAULT_IGNORE } from "../../../src/import/stow/ignore.js";
import { checkParity, farmTree, runStow, STOW } from "../../helpers/stow-farm.js";

interface Case {
  name: string;
  stowArgs: string[];
  importArgs: string[];
  dotfiles?: boolean;
  extra?: (packages: string[]) => Tree;
}

const CASES: Case[] = [
  { name: "stow --no-folding ↔ tree: true", stowArgs: ["--no-folding"], importArgs: [] },
  { name: "stow (folding) ↔ --fold", stowArgs: [], importArgs: ["--fold"] },
  {
    name: "stow --no-folding --dotfiles ↔ --dotfiles",
    stowArgs: ["--no-folding", "--dotfiles"],
    importArgs: ["--dotfiles"],
    dotfiles: true,
  },
  { name: "stow --dotfiles (folding) ↔ --fold --dotfiles", stowArgs: ["--dotfiles"], importArgs: ["--fold", "--dotfiles"], dotfiles: true },
  {
    name: "a .stow-local-ignore replaces the built-in list (one rule has no glob form)",
    stowArgs: ["--no-folding"],
    importArgs: [],
    extra: (pkgs) => ({
      [`home/dotfiles/${pkgs[0]}/.stow-local-ignore`]: "# local\nsecret.*\n^/docs\n.*\\.log   # logs\n[0-9]+\\.tmp\n",
      [`home/dotfiles/${pkgs[0]}/.config/secret.key`]: "k\n",
      [`home/dotfiles/${pkgs[0]}/docs/guide.md`]: "g\n",
      [`home/dotfiles/${pkgs[0]}/.vim/run.log`]: "l\n",
      [`home/dotfiles/${pkgs[0]}/.vim/42.tmp`]: "t\n",
      [`home/dotfiles/${pkgs[0]}/README.md`]: "linked: the local list has no README rule\n",
    }),
  },
  {
    name: "~/.stow-global-ignore replaces the built-in list",
    stowArgs: ["--no-folding"],
    importArgs: [],
    extra: (pkgs) => ({
      // It replaces the built-in list, so it repeats it (as Stow's docs suggest), plus two rules.
      "home/.stow-global-ignore": [...STOW_DEFAULT_IGNORE, "\\.swp", "^/notes"].join("\n") + "\n",
      [`home/dotfiles/${pkgs[0]}/.vim/a.swp`]: "s\n",
      [`home/dotfiles/${pkgs[0]}/notes/todo`]: "n\n",
    }),
  },
  {
    name: "~/.stowrc (--no-folding, --ignore) and ./.stowrc (--dotfiles) read by both",
    stowArgs: [],
    importArgs: [],
    dotfiles: true,
    extra: (pkgs) => ({
      // f1[0-9] has no glob form: ignored by name, with a warning.
      "home/.stowrc": "--no-folding\n--ignore=\\.swp   --ignore=f1[0-9]\n",
      "home/dotfiles/.stowrc": "--dotfiles\n",
      [`home/dotfiles/${pkgs[0]}/.vim/a.swp`]: "s\n",
      [`home/dotfiles/${pkgs[1]}/x.swp`]: "s\n",
    }),
  },
  {
    name: "an empty package directory (uninitialised submodule), --no-folding: Stow's empty directory is not made",
    stowArgs: ["--no-folding"],
    importArgs: [],
    extra: (pkgs) => ({ [`home/dotfiles/${pkgs[0]}/.vim/pack/sub`]: { dir: true }, [`home/dotfiles/${pkgs[1]}/.empty`]: { dir: true } }),
  },
  {
    name: "an empty package directory, folding: linked as Stow links it",
    stowArgs: [],
    importArgs: ["--fold"],
    extra: (pkgs) => ({ [`home/dotfiles/${pkgs[0]}/.vim/pack/sub`]: { dir: true }, [`home/dotfiles/${pkgs[1]}/.empty`]: { dir: true } }),
  },
  {
    name: "--ignore on the command line, as Stow takes it",
    stowArgs: ["--no-folding", "--ignore=f2.*", "--ignore=\\.md"],
    importArgs: ["--ignore=f2.*", "--ignore=\\.md"],
  },
];

const SEEDS = [1, 2, 3];

describe.skipIf(!STOW)("import stow: parity with GNU Stow", () => {
  for (const c of CASES) {
    for (const seed of SEEDS) {
      it(`${c.name} (seed ${seed})`, async () => {
        const { tree, packages } = farmTree({ seed, packages: 4, ...(c.dotfiles ? { dotfiles: true } : {}) });
        await checkParity({ tree: { ...tree, ...(c.extra?.(packages) ?? {}) }, packages, stowArgs: c.stowArgs, importArgs: c.importArgs });
      });
    }
  }
});

describe.skipIf(!STOW)("import stow: adopting a farm Stow folded", () => {
  it("without --fold, a directory Stow folded is kept as one link, so the first plan changes nothing", async () => {
    const sb = sandbox({
      "home/dotfiles/vim/.vim/colors/x.vim": "x\n",
      "home/dotfiles/vim/.vimrc": "v\n",
    });
    const stowDir = sb.p("home/dotfiles");
    expect((await runStow(stowDir, sb.home, ["vim"])).code).toBe(0);
    expect(sb.readlink("home/.vim")).toBe("dotfiles/vim/.vim");
    const imp = await runCli(["import", "stow", "-o", "linkfarm.yaml", "vim"], { cwd: stowDir, env: sb.env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toMatch(/~\/\.vim is a directory link Stow folded/);
    const plan = await runCli(["plan", "--json"], { cwd: stowDir, env: sb.env });
    const summary = (JSON.parse(plan.stdout) as { summary: Record<string, number> }).summary;
    expect(summary).toMatchObject({ ok: 2, create: 0, repair: 0, conflict: 0, error: 0 });
  });

  it("an empty package directory: Stow --no-folding makes it, linkfarm says so and links its files once they exist", async () => {
    const tree = { "home/dotfiles/vim/.vimrc": "v\n", "home/dotfiles/vim/.vim/pack/sub": { dir: true } } as const;
    const a = sandbox(tree);
    const b = sandbox(tree);
    expect((await runStow(a.p("home/dotfiles"), a.home, ["--no-folding", "vim"])).code).toBe(0);
    expect(fs.statSync(a.p("home/.vim/pack/sub")).isDirectory()).toBe(true);

    const cwd = b.p("home/dotfiles");
    const imp = await runCli(["import", "stow", "-o", "linkfarm.yaml", "vim"], { cwd, env: b.env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toMatch(/warning: vim\/\.vim\/pack\/sub is an empty directory: stow --no-folding makes an empty ~\/\.vim\/pack\/sub/);
    expect((await runCli(["apply"], { cwd, env: b.env })).code).toBe(0);
    expect(b.exists("home/.vim")).toBe(false);
    // the submodule is initialised: its files are linked by the same tree entry
    b.write({ "home/dotfiles/vim/.vim/pack/sub/plugin.vim": "p\n" });
    expect((await runCli(["apply"], { cwd, env: b.env })).code).toBe(0);
    expect(b.readlink("home/.vim/pack/sub/plugin.vim")).toBe("../../../dotfiles/vim/.vim/pack/sub/plugin.vim");
  });

  it("an unknown package and a path instead of a package name exit 1", async () => {
    const sb = sandbox({ "home/dotfiles/vim/.vimrc": "v\n" });
    const cwd = sb.p("home/dotfiles");
    expect((await runCli(["import", "stow", "nope"], { cwd, env: sb.env })).code).toBe(1);
    expect((await runCli(["import", "stow", "../dotfiles/vim"], { cwd, env: sb.env })).code).toBe(1);
    expect((await runCli(["import", "stow"], { cwd, env: sb.env })).code).toBe(1);
  });
});
