// GNU Stow's resource files (Stow 2.3.1, bin/stow: get_config_file_options, parse_options,
// process_options): `~/.stowrc` then `./.stowrc` (the code's order; the manual says the other),
// every line split on whitespace, parsed like the command line (Getopt::Long with bundling and
// unique abbreviations) and prepended to it: single-value options on the command line win,
// list options (--ignore, --defer, --override) are appended after the files'. `~` and `$VAR`
// expand in --dir and --target values from the files only. Package names and -D/-S/-R in a
// file are ignored by Stow. Read-only.

import type { FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { ImportNote } from "../model.js";

/** Where an option was read: a .stowrc file and line, or the command line (no file). */
export interface OptionAt {
  file?: string;
  line?: number;
}

export interface Located {
  value: string;
  at: OptionAt;
}

/** Stow options that `import stow` can use, each with where it was read. */
export interface StowOptions {
  /** Absolute (expanded, resolved against the working directory). */
  dir?: string;
  target?: string;
  dotfiles?: OptionAt;
  noFolding?: OptionAt;
  adopt?: OptionAt;
  ignore: Located[];
  defer: Located[];
  override: Located[];
}

type Kind = "string" | "flag";
const LONG: Record<string, Kind> = {
  verbose: "flag", help: "flag", simulate: "flag", no: "flag", version: "flag", compat: "flag",
  dir: "string", target: "string", adopt: "flag", "no-folding": "flag", dotfiles: "flag",
  ignore: "string", override: "string", defer: "string", delete: "flag", stow: "flag", restow: "flag",
};
const SHORT: Record<string, string> = {
  v: "verbose", h: "help", n: "simulate", V: "version", p: "compat", d: "dir", t: "target",
  D: "delete", S: "stow", R: "restow",
};
const NO_EFFECT = new Set(["verbose", "simulate", "no", "compat", "help", "version"]);
const ACTIONS = new Set(["delete", "stow", "restow"]);

// A note at an option's file and line (none for the command line).
export function noteAt(level: ImportNote["level"], message: string, at: OptionAt): ImportNote {
  return { level, message, ...(at.file ? { file: at.file } : {}), ...(at.line ? { line: at.line } : {}) };
}

interface Token {
  text: string;
  at: OptionAt;
}

// The options the .stowrc files hold, as Stow reads them, plus notes for what import cannot use.
export function readStowrc(
  fs: FsRead,
  cwd: string,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): { options: StowOptions; notes: ImportNote[]; files: string[] } {
  const notes: ImportNote[] = [];
  const options: StowOptions = { ignore: [], defer: [], override: [] };
  const tokens: Token[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  for (const file of [...(home ? [path.join(home, ".stowrc")] : []), path.join(cwd, ".stowrc")]) {
    let text: string;
    let real: string;
    try {
      real = fs.realpathSync(file);
      text = fs.readFileSync(file, "utf8");
    } catch {
      continue;
    }
    // Run from HOME, both names are one file; Stow reads it twice to the same effect.
    if (seen.has(real)) continue;
    seen.add(real);
    files.push(file);
    text.split("\n").forEach((line, i) => {
      for (const t of line.split(/\s+/)) if (t !== "") tokens.push({ text: t, at: { file, line: i + 1 } });
    });
  }
  const note = (level: ImportNote["level"], message: string, at: OptionAt) => notes.push(noteAt(level, message, at));

  const set = (name: string, value: string | undefined, at: OptionAt) => {
    switch (name) {
      case "dir":
      case "target": {
        const v = expandFilepath(value!, env, home);
        if (typeof v !== "string") return note("dropped", `--${name}=${value}: ${v.error}`, at);
        options[name] = path.resolve(cwd, v);
        return;
      }
      case "ignore":
      case "defer":
      case "override":
        options[name].push({ value: value!, at });
        return;
      case "dotfiles":
        options.dotfiles = at;
        return;
      case "no-folding":
        options.noFolding = at;
        return;
      case "adopt":
        options.adopt = at;
        return;
    }
    if (ACTIONS.has(name)) return note("info", `--${name} in a resource file is ignored by Stow; ignored`, at);
    if (NO_EFFECT.has(name)) return note("info", `--${name} has no effect on an import; ignored`, at);
  };
  parseTokens(tokens, set, (message, at) => note("dropped", message, at));
  return { options, notes, files };
}

// Getopt::Long (no_ignore_case, bundling, permute) over the tokens: `--name=value`, `--name
// value`, unique prefixes of long names, `-dDIR`, `-d DIR`, `-nv`; non-options are packages.
function parseTokens(
  tokens: readonly Token[],
  set: (name: string, value: string | undefined, at: OptionAt) => void,
  bad: (message: string, at: OptionAt) => void,
): void {
  for (let i = 0; i < tokens.length; i++) {
    const { text, at } = tokens[i]!;
    if (text === "--") break;
    if (text.startsWith("--")) {
      const eq = text.indexOf("=");
      const given = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const name = longName(given);
      if (name === undefined) {
        bad(`unknown Stow option --${given}; Stow would stop here`, at);
        continue;
      }
      if (LONG[name] === "string") {
        const value = eq >= 0 ? text.slice(eq + 1) : tokens[++i]?.text;
        if (value === undefined) bad(`--${name} needs a value`, at);
        else set(name, value, at);
      } else if (eq >= 0 && name !== "verbose") bad(`--${name} takes no value`, at);
      else set(name, undefined, at);
    } else if (text.startsWith("-") && text.length > 1) {
      for (let j = 1; j < text.length; j++) {
        const name = SHORT[text[j]!];
        if (name === undefined) {
          bad(`unknown Stow option -${text[j]}; Stow would stop here`, at);
          break;
        }
        if (LONG[name] === "string") {
          const value = j + 1 < text.length ? text.slice(j + 1) : tokens[++i]?.text;
          if (value === undefined) bad(`-${text[j]} needs a value`, at);
          else set(name, value, at);
          break;
        }
        set(name, undefined, at);
      }
    }
    // Anything else is a package name: Stow ignores packages listed in a resource file.
  }
}

// Exact name, else the one long name it is a unique prefix of (Getopt's auto_abbrev).
function longName(given: string): string | undefined {
  if (given in LONG) return given;
  const hits = Object.keys(LONG).filter((n) => n.startsWith(given));
  return given !== "" && hits.length === 1 ? hits[0] : undefined;
}

// Stow's expand_filepath: unescaped ${VAR} and $VAR (an unset one is fatal), then `\$` → `$`,
// then a leading `~` → HOME (`~user` is not supported here), then `\~` → `~`.
function expandFilepath(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string | { error: string } {
  let missing: string | undefined;
  const sub = (_: string, name: string) => {
    const v = env[name];
    if (v === undefined) missing ??= name;
    return v ?? "";
  };
  let p = value.replace(/(?<!\\)\$\{([\w\s]+)\}/g, sub).replace(/(?<!\\)\$(\w+)/g, sub);
  if (missing !== undefined) return { error: `references undefined environment variable $${missing} (Stow aborts)` };
  p = p.replace(/\\\$/g, "$");
  const tilde = /^~([^/]*)/.exec(p);
  if (tilde) {
    if (tilde[1] !== "") return { error: `~${tilde[1]} (another user's home) is not supported; write the path` };
    p = home + p.slice(1);
  }
  return p.replace(/\\~/g, "~");
}
