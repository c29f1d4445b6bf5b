// Parity with the real GNU Stow on the layouts that real Stow repositories use beyond the plain
// `~/dotfiles`: a stow directory inside the target, packages holding symlinks, names with glob
// and variable characters. Each layout, folding (`stow` ↔ `import stow --fold`) and not
// (`stow --no-folding` ↔ `import stow`): the same links, the same link texts byte for byte,
// and after importing the HOME Stow made, `plan` says "No changes.".

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RawManifest } from "../../../src/manifest/types.js";
import { runCli } from "../../helpers/cli.js";
import { sandbox, type Tree } from "../../helpers/sandbox.js";
import { checkParity, farmTree, STOW } from "../../helpers/stow-farm.js";

const MODES = [
  { name: "--no-folding ↔ import stow", stow: ["--no-folding"], lf: [] as string[] },
  { name: "folding ↔ import stow --fold", stow: [], lf: ["--fold"] },
];

// Stow directory ~/.local/src/dotfiles; packages with files under ~/.local too (the texts
// differ from the shortest relative path exactly there).
const INSIDE = "home/.local/src/dotfiles";
function insideTree(seed: number): { tree: Tree; packages: string[] } {
  const { tree, packages } = farmTree({ seed, packages: 3, stowDir: INSIDE });
  return {
    packages,
    tree: {
      ...tree,
      [`${INSIDE}/p0/.local/bin/tool`]: "t\n",
      [`${INSIDE}/p1/.local/share/app/data`]: "d\n",
      [`${INSIDE}/p1/.local/src/other/x`]: "beside the stow directory\n",
      [`${INSIDE}/p2/.local/state`]: "s\n",
    },
  };
}

describe.skipIf(!STOW)("import stow parity: the stow directory inside the target (~/.local/src/dotfiles)", () => {
  for (const m of MODES) {
    for (const seed of [1, 2]) {
      it(`-t ~, ${m.name} (seed ${seed})`, async () => {
        const { tree, packages } = insideTree(seed);
        const r = await checkParity({
          tree,
          packages,
          stowDir: INSIDE,
          stowArgs: [...m.stow, "-t", "{HOME}"],
          importArgs: [...m.lf, "-t", "{HOME}"],
        });
        // Stow's text form: up to HOME, then down the stow directory
        const deep = Object.entries(r.links).filter(([k]) => k.startsWith(".local/"));
        expect(deep.length).toBeGreaterThan(0);
        for (const [k, l] of deep) expect(l.text, k).toMatch(/^(\.\.\/)+\.local\/src\/dotfiles\//);
      });
    }
    it(`./.stowrc with --target=~, ${m.name}`, async () => {
      const { tree, packages } = insideTree(3);
      await checkParity({
        tree: { ...tree, [`${INSIDE}/.stowrc`]: "--target=~\n" },
        packages,
        stowDir: INSIDE,
        stowArgs: m.stow,
        importArgs: m.lf,
      });
    });
  }
});

// A package holding symlinks: Stow links each as itself (a link to the package's symlink).
const SYMLINKS: Tree = {
  "home/dotfiles/p0/real/sub/f": "f\n",
  "home/dotfiles/p0/real/file": "x\n",
  "home/dotfiles/p0/.dangling": { symlink: "nowhere" },
  "home/dotfiles/p0/.tofile": { symlink: "real/file" },
  "home/dotfiles/p0/.todir": { symlink: "real/sub" },
  "home/dotfiles/p0/.config/app/nested": { symlink: "../../real/file" },
  "home/dotfiles/p0/.config/app/conf": "c\n",
  "home/dotfiles/p0/.config/dirlink": { symlink: "../real" },
  "home/dotfiles/p1/.config/app/other": "o\n",
  "home/dotfiles/p1/.gone": { symlink: "../../nowhere/at/all" },
};

describe.skipIf(!STOW)("import stow parity: a package holding symlinks (dangling, to a file, to a directory)", () => {
  for (const m of MODES) {
    it(m.name, async () => {
      const r = await checkParity({ tree: SYMLINKS, packages: ["p0", "p1"], stowArgs: m.stow, importArgs: m.lf });
      expect(r.links[".dangling"]?.text).toBe("dotfiles/p0/.dangling");
      // the notes: each symlink Stow looks at is linked as itself, nothing is lost
      for (const imp of [r.imported, r.importedOnStow]) {
        expect(imp.stderr).toMatch(/note: p0\/\.dangling is a symlink \(to nowhere, dangling\): linked as itself, as Stow links it; nothing is lost/);
        expect(imp.stderr).toMatch(/note: p0\/\.todir is a symlink \(to real\/sub, a directory\): linked as itself/);
        expect(imp.stderr).toMatch(/note: p1\/\.gone is a symlink/);
      }
      if (m.lf.length === 0) expect(r.imported.stderr).toMatch(/note: p0\/\.config\/app\/nested is a symlink \(to \.\.\/\.\.\/real\/file, a file\)/);
    });
  }

  it("an absolute symlink: Stow refuses the whole package, linkfarm links it as itself and says so", async () => {
    const sb = sandbox({ "home/dotfiles/p0/.abs": { symlink: "/etc/hostname" }, "home/dotfiles/p0/.rc": "r\n" });
    const cwd = sb.p("home/dotfiles");
    const imp = await runCli(["import", "stow", "-o", "linkfarm.yaml", "p0"], { cwd, env: sb.env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stderr).toMatch(/warning: p0\/\.abs is an absolute symlink \(to \/etc\/hostname\): Stow refuses to stow it/);
    expect((await runCli(["apply"], { cwd, env: sb.env })).code).toBe(0);
    expect(sb.readlink("home/.abs")).toBe("dotfiles/p0/.abs");
    expect(sb.readlink("home/dotfiles/p0/.abs")).toBe("/etc/hostname");
  });
});

// Names a manifest would read as globs or variables, in files, directories and package names;
// README files in them too (Stow ignores a top-level README, so the ignore globs name them).
const ODD: Tree = {
  "home/dotfiles/odd/a(b)/f": "1\n",
  "home/dotfiles/odd/x[1]": "2\n",
  "home/dotfiles/odd/{c,d}": "3\n",
  "home/dotfiles/odd/q?": "4\n",
  "home/dotfiles/odd/s*": "5\n",
  "home/dotfiles/odd/@(e)": "6\n",
  "home/dotfiles/odd/cost$HOME": "7\n",
  "home/dotfiles/odd/${X:-y}": "8\n",
  "home/dotfiles/odd/.config/[x]/in(1)/f?": "9\n",
  "home/dotfiles/odd/.config/{a}/$d/g*": "10\n",
  "home/dotfiles/odd/.config/plain/h": "11\n",
  "home/dotfiles/odd/README.md": "ignored by Stow\n",
  "home/dotfiles/p$1/.rc": "12\n",
  "home/dotfiles/p$1/README": "ignored by Stow\n",
  "home/dotfiles/g[1]/.grc": "13\n",
  "home/dotfiles/g[1]/.config/plain/k": "14\n",
  "home/dotfiles/g[1]/README.md": "linked: g[1]'s own list has no README rule\n",
  "home/dotfiles/g[1]/.stow-local-ignore": "secret\n",
  "home/dotfiles/g[1]/secret": "ignored by Stow\n",
  "home/dotfiles/g1/secret": "linked: g[1]'s rules are not g1's\n",
  "home/dotfiles/g1/README.md": "a package the glob g[1] would match\n",
  "home/dotfiles/g1/.g1rc": "15\n",
  "home/dotfiles/*(x)/.star": "16\n",
  "home/dotfiles/*(x)/README.txt": "ignored by Stow\n",
};
const ODD_PKGS = ["odd", "p$1", "g[1]", "g1", "*(x)"];

describe.skipIf(!STOW)("import stow parity: names with ( ) [ ] { } ? * $", () => {
  for (const m of MODES) {
    it(m.name, async () => {
      const r = await checkParity({ tree: ODD, packages: ODD_PKGS, stowArgs: m.stow, importArgs: m.lf });
      expect(Object.keys(r.links)).toContain("cost$HOME");
      expect(r.links["README.md"]?.text).toBe("dotfiles/g[1]/README.md");
      expect(r.links["secret"]?.text).toBe("dotfiles/g1/secret");
    });
  }

  it("import stow --fold writes a manifest `linkfarm validate` accepts", async () => {
    const sb = sandbox(ODD);
    const cwd = sb.p("home/dotfiles");
    for (const fold of [["--fold"], []]) {
      const file = `lf${fold.join("")}.yaml`;
      const imp = await runCli(["import", "stow", ...fold, "-o", file, ...ODD_PKGS], { cwd, env: sb.env });
      expect(imp.code, imp.stderr).toBe(0);
      const v = await runCli(["validate", "-c", file], { cwd, env: sb.env });
      expect(v.code, v.stdout + v.stderr).toBe(0);
    }
    // a package's own ignore rules are written under its escaped name: g1 stays one tree entry
    const m = parse(fs.readFileSync(sb.p("home/dotfiles/lf.yaml"), "utf8")) as RawManifest;
    expect(m.ignore).toContain("g\\[1\\]/**/secret");
    expect(m.links).toContainEqual({ source: "g1", target: ".", tree: true });
  });
});
