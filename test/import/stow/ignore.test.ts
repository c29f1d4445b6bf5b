// Stow's ignore rules (Perl regexes on path segments or "/"-aligned paths) and their glob forms.

import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitManifest, scalar } from "../../../src/import/emit-yaml.js";
import {
  compileIgnore,
  LOCAL_IGNORE_RULE,
  parseIgnoreFile,
  ruleToGlob,
  STOW_DEFAULT_IGNORE,
} from "../../../src/import/stow/ignore.js";
import { adjustDotfile } from "../../../src/import/stow/scan.js";

describe("Stow ignore lists", () => {
  it("an ignore file is read as Stow reads it: comments, trailing comments, \\# and blank lines", () => {
    expect(parseIgnoreFile("# c\n\n  RCS  \n.+~   # backups\n\\#.*\\#\n")).toEqual(["RCS", ".+~", "#.*#"]);
  });

  it("every list also ignores the package's own top-level .stow-local-ignore", () => {
    const m = compileIgnore([]);
    expect(m.rules).toContain(LOCAL_IGNORE_RULE);
    expect(m.ignores(".stow-local-ignore")).toBe(true);
    expect(m.ignores("sub/.stow-local-ignore")).toBe(false);
  });

  const builtIn = compileIgnore(STOW_DEFAULT_IGNORE);
  const CASES: [string, boolean][] = [
    ["RCS", true],
    ["a/RCS", true],
    ["x,v", true],
    [",v", false],
    [".#lock", true],
    [".git", true],
    [".config/.git", true],
    [".gitignore", true],
    [".gitmodules", false],
    ["notes~", true],
    ["~", false],
    ["#auto#", true],
    ["README.md", true],
    [".config/README.md", false],
    ["LICENSE", true],
    ["COPYING", true],
    ["COPYING.txt", false],
    [".bashrc", false],
  ];
  it.each(CASES)("built-in list: %s ignored = %s (regex and glob agree)", (rel, ignored) => {
    expect(builtIn.ignores(rel)).toBe(ignored);
    const globs = STOW_DEFAULT_IGNORE.concat(LOCAL_IGNORE_RULE).map((r) => ruleToGlob(r));
    expect(globs.every((g) => g !== undefined)).toBe(true);
    const match = picomatch(globs.map((g) => g!.glob), { dot: true });
    expect(match(rel)).toBe(ignored);
  });

  it("rules beyond literals, . .* .+ and anchors have no glob form", () => {
    expect(ruleToGlob("[0-9]+\\.tmp")).toBeUndefined();
    expect(ruleToGlob("a|b")).toBeUndefined();
    expect(ruleToGlob("\\d+")).toBeUndefined();
    expect(ruleToGlob("^/docs")).toEqual({ glob: "docs", anchored: true });
    expect(ruleToGlob("foo/bar")).toEqual({ glob: "**/foo/bar", anchored: false });
    expect(ruleToGlob("\\.bak$")).toEqual({ glob: "**/.bak", anchored: false });
  });

  it("--dotfiles renames dot-x to .x, but not dot- or dot-.", () => {
    expect(adjustDotfile("dot-bashrc")).toBe(".bashrc");
    expect(adjustDotfile("dot-")).toBe("dot-");
    expect(adjustDotfile("dot-.")).toBe("dot-.");
    expect(adjustDotfile("bashrc")).toBe("bashrc");
  });
});

describe("emitted YAML", () => {
  it("quotes every scalar that plain YAML would misread", () => {
    for (const s of ["~", "**/.git", "yes", "1.0", "#x#", "a: b", "*.ttf", "@x", "[x]", "true", "", ".inf"]) {
      expect(parse(`k: ${scalar(s)}`)).toEqual({ k: s });
    }
    expect(scalar("~/.vimrc")).toBe("~/.vimrc");
    expect(scalar(".config/nvim")).toBe(".config/nvim");
  });

  it("round-trips a manifest with comments, hooks and when", () => {
    const text = emitManifest({
      header: ["h"],
      source: ".",
      target: "~",
      defaults: { type: "symlink", relative: true, mkdirs: true, conflict: "fail" },
      ignore: ["**/#*#"],
      prune: false,
      hooks: { before: ["echo 'a: b'"], after: [] },
      links: [{ source: "a", target: "~/.a", when: { os: ["darwin"] }, comments: ["dotbot if: x"] }],
    });
    expect(parse(text)).toMatchObject({
      version: 1,
      target: "~",
      ignore: ["**/#*#"],
      hooks: { before: ["echo 'a: b'"] },
      links: [{ source: "a", target: "~/.a", when: { os: ["darwin"] } }],
    });
  });
});
