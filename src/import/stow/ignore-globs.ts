// The manifest's `ignore` list for a set of Stow packages: each package's Stow rules translated
// to globs (unprefixed when every package uses the same list, else under the package's name,
// escaped: the rules of a package `g[1]` are not a package `g1`'s),
// then checked against today's files: whatever Stow ignores that the globs would not is added
// by exact path. (Globs that would hide more than Stow does are handled where links are made:
// such a directory is not made a tree, see links.ts.)

import picomatch from "picomatch";
import type { ImportNote } from "../model.js";
import { exactGlob, ruleToGlob, suffixToGlob, type IgnoreMatcher } from "./ignore.js";
import type { ScannedPackage } from "./scan.js";

export interface PackageIgnore {
  scan: ScannedPackage;
  matcher: IgnoreMatcher;
  /** Where the rules came from, for notes: a file path or "Stow's built-in list". */
  origin: string;
}

export function ignoreGlobs(pkgs: readonly PackageIgnore[], notes: ImportNote[]): string[] {
  const key = (p: PackageIgnore) => [...p.matcher.rules].sort().join("\n");
  const shared = pkgs.length > 0 && pkgs.every((p) => key(p) === key(pkgs[0]!));
  const globs: string[] = [];
  const add = (g: string) => {
    if (!globs.includes(g)) globs.push(g);
  };
  const untranslated = new Set<string>();
  for (const p of pkgs) {
    for (const bad of p.matcher.bad) {
      notes.push({ level: "changed", message: `Stow ignore rule ${bad} in ${p.origin} is not a valid regex; skipped` });
    }
    for (const rule of p.matcher.rules) {
      if (p.matcher.bad.includes(rule)) continue;
      const g = ruleToGlob(rule);
      if (!g) {
        untranslated.add(`${rule} (${p.origin})`);
        continue;
      }
      add(shared && !g.anchored ? g.glob : `${exactGlob(p.scan.name)}/${g.glob}`);
    }
  }
  // --ignore rules are the same for every package.
  for (const rule of pkgs[0]?.matcher.suffixes ?? []) {
    const g = suffixToGlob(rule);
    if (g) add(g);
    else untranslated.add(`--ignore=${rule}`);
  }
  for (const u of untranslated) {
    notes.push({
      level: "changed",
      message: `Stow ignore rule ${u} has no glob equivalent; the paths it matches today are ignored by name, new ones will not be`,
    });
  }
  // verify against today's files, package by package
  for (const p of pkgs) {
    const match = picomatch(globs.length > 0 ? globs : ["\0"], { dot: true });
    const lfIgnores = (rel: string) => match(rel) || match(`${p.scan.name}/${rel}`);
    const underIgnored = (rel: string) => {
      for (let i = rel.indexOf("/"); i > 0; i = rel.indexOf("/", i + 1)) if (lfIgnores(rel.slice(0, i))) return true;
      return lfIgnores(rel);
    };
    for (const rel of p.scan.ignored) if (!underIgnored(rel)) add(exactGlob(`${p.scan.name}/${rel}`));
  }
  return globs;
}
