// `linkfarm import stow`: Stow's view of the packages (stow dir, target, ignore lists, --dotfiles)
// → a manifest whose links are the ones Stow makes, with Stow's relative link texts, so that a
// farm Stow already made is "in place" on the first plan.

import picomatch from "picomatch";
import { errnoCode, realpathOr, type FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { ImportNote, ImportResult, OutManifest } from "../model.js";
import { homeRelativeReal, literalPath, relativeRoot } from "../paths.js";
import { compileIgnore, parseIgnoreFile, STOW_DEFAULT_IGNORE } from "./ignore.js";
import { ignoreGlobs, type PackageIgnore } from "./ignore-globs.js";
import { stowLinks } from "./links.js";
import { scanPackage } from "./scan.js";
import { readStowrc } from "./stowrc.js";
import { withStowOptions } from "./stow-options.js";

export interface StowImportOptions {
  cwd: string;
  home: string;
  /** -d DIR; default $STOW_DIR, else the working directory (as Stow). */
  stowDir?: string;
  /** -t DIR; default the stow directory's parent (as Stow). */
  target?: string;
  packages: readonly string[];
  fold: boolean;
  dotfiles: boolean;
  /** --ignore, --defer, --override given on the command line (Perl regexes, as Stow takes them). */
  ignore?: readonly string[];
  defer?: readonly string[];
  override?: readonly string[];
  /**
   * Directory the manifest will live in (-o FILE's): `source:` is written relative to it.
   * Default (printed to stdout): the stow directory.
   */
  manifestDir?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function importStow(opts: StowImportOptions, fs: FsRead): ImportResult {
  const notes: ImportNote[] = [];
  const fatal = (message: string): ImportResult => ({ ok: false, notes: [...notes, { level: "dropped", message }] });
  if (opts.packages.length === 0) return fatal("no packages given: linkfarm import stow [-d DIR] [-t DIR] PACKAGE...");
  // ~/.stowrc and ./.stowrc come first; the command line wins for single values, adds to lists.
  const rc = readStowrc(fs, opts.cwd, opts.home, opts.env);
  notes.push(...rc.notes);
  const o = withStowOptions(opts, rc.options, notes);

  const real = (p: string, what: string): string | undefined => {
    try {
      const r = fs.realpathSync(p);
      if (fs.statSync(r).isDirectory()) return r;
    } catch (err) {
      notes.push({ level: "dropped", message: `${what} ${p} is not readable: ${errnoCode(err) ?? String(err)}` });
      return undefined;
    }
    notes.push({ level: "dropped", message: `${what} ${p} is not a directory` });
    return undefined;
  };
  const stowDir = real(path.resolve(opts.cwd, o.stowDir ?? opts.env.STOW_DIR ?? "."), "the stow directory");
  if (!stowDir) return { ok: false, notes };
  const targetDir = real(path.resolve(opts.cwd, o.target ?? path.dirname(stowDir)), "the target directory");
  if (!targetDir) return { ok: false, notes };

  const globalFile = path.join(opts.home, ".stow-global-ignore");
  const pkgs: PackageIgnore[] = [];
  for (const raw of opts.packages) {
    const name = raw.replace(/\/+$/, "");
    if (name.includes("/") || name === "" || name === "." || name === "..") {
      return fatal(`package names are directory names inside the stow directory, not paths: ${raw}`);
    }
    const dir = path.join(stowDir, name);
    const st = fs.statSync(dir, { throwIfNoEntry: false });
    if (!st || !st.isDirectory()) return fatal(`the stow directory ${stowDir} has no package ${name}`);
    const local = path.join(dir, ".stow-local-ignore");
    let rules: string[];
    let origin: string;
    if (fs.existsSync(local)) {
      rules = parseIgnoreFile(fs.readFileSync(local, "utf8"));
      origin = local;
    } else if (fs.existsSync(globalFile)) {
      rules = parseIgnoreFile(fs.readFileSync(globalFile, "utf8"));
      origin = globalFile;
    } else {
      rules = [...STOW_DEFAULT_IGNORE];
      origin = "Stow's built-in ignore list";
    }
    const matcher = compileIgnore(rules, o.ignore);
    pkgs.push({ scan: scanPackage(fs, stowDir, name, matcher, o.dotfiles), matcher, origin });
  }

  const realHome = realpathOr(fs, opts.home);
  const show = (abs: string) => homeRelativeReal(abs, opts.home, realHome);
  const ignore = ignoreGlobs(pkgs, notes);
  const match = picomatch(ignore.length > 0 ? ignore : ["\0"], { dot: true });
  // As walk-sources.ts: the path below the walk root, and the path below the source root.
  const lfIgnores = (root: string, rel: string) => match(rel) || match(`${root}/${rel}`);
  const links = stowLinks(
    pkgs.map((p) => p.scan),
    { lfIgnores, stowDir, targetDir, fold: o.fold, show },
    fs,
    notes,
  );
  const flags = [o.fold ? "--fold" : "", o.dotfiles ? "--dotfiles" : "", ...(opts.ignore ?? []).map((r) => `--ignore=${r}`)]
    .filter(Boolean)
    .join(" ");
  const manifest: OutManifest = {
    header: [
      `Imported from GNU Stow: linkfarm import stow ${flags ? flags + " " : ""}${opts.packages.join(" ")}`,
      `Stow directory ${stowDir}, target ${targetDir}.`,
      ...rc.files.map((f) => `Options read from ${show(f)}, as Stow reads them.`),
      `\`source:\` below is relative to ${opts.manifestDir === undefined ? "the stow directory: save this file there" : "this file's directory"}.`,
      "relative: true makes the same link texts Stow makes, so the links Stow already made show",
      "as in place (`linkfarm plan`).",
    ],
    source: literalPath(relativeRoot(opts.manifestDir ?? stowDir, stowDir)),
    target: literalPath(show(targetDir)),
    defaults: { type: "symlink", relative: true, mkdirs: true, conflict: o.adopt ? "adopt" : "fail" },
    ignoreComments: [
      "Stow's ignore lists (.stow-local-ignore, ~/.stow-global-ignore or its built-in list),",
      "translated from Perl regexes to globs and checked against today's files.",
    ],
    ignore,
    pruneComments: ["Like `stow -D` for a package you drop from this file: links linkfarm made are removed."],
    prune: true,
    hooks: { before: [], after: [] },
    links,
  };
  return { ok: true, manifest, notes };
}
