// The .stowrc options merged with `linkfarm import stow`'s own flags, as Stow's process_options
// merges them (the command line wins for single values; lists are the files' then the command
// line's), and what each becomes: --ignore → ignore rules, --adopt → conflict: adopt,
// --override → nothing to add (linkfarm re-points links into the stow directory anyway),
// --defer → dropped (a manifest cannot leave a path to whichever package got there first).

import type { ImportNote } from "../model.js";
import { noteAt, type Located, type OptionAt, type StowOptions } from "./stowrc.js";

export interface MergedStowOptions {
  stowDir?: string;
  target?: string;
  dotfiles: boolean;
  fold: boolean;
  adopt: boolean;
  /** --ignore regexes that compile (the others are dropped, with a note). */
  ignore: string[];
}

interface CliFlags {
  stowDir?: string;
  target?: string;
  dotfiles: boolean;
  fold: boolean;
  ignore?: readonly string[];
  defer?: readonly string[];
  override?: readonly string[];
}

export function withStowOptions(cli: CliFlags, rc: StowOptions, notes: ImportNote[]): MergedStowOptions {
  const list = (name: "ignore" | "defer" | "override"): Located[] => [
    ...rc[name],
    ...(cli[name] ?? []).map((value) => ({ value, at: {} })),
  ];
  const lists = { ignore: list("ignore"), defer: list("defer"), override: list("override") };
  const note = (level: ImportNote["level"], message: string, at: OptionAt) => notes.push(noteAt(level, message, at));

  if (rc.noFolding && cli.fold) note("info", "--fold given: it wins over --no-folding here", rc.noFolding);
  if (rc.adopt) {
    note("info", "--adopt became `conflict: adopt`: a file in the way is moved into the package, then linked, as Stow does", rc.adopt);
  }
  const ignore: string[] = [];
  for (const { value, at } of lists.ignore) {
    if (isRegex(value)) ignore.push(value);
    else note("dropped", `--ignore=${value} is not a regex linkfarm can read; Stow would stop here`, at);
  }
  for (const { value, at } of lists.defer) {
    note(
      "dropped",
      `--defer=${value}: a manifest cannot leave a path to whichever package linked it first; linkfarm re-points links into the stow directory (keep such files in one package)`,
      at,
    );
  }
  for (const { value, at } of lists.override) {
    note("info", `--override=${value}: nothing to add, linkfarm re-points links into the stow directory anyway`, at);
  }
  return {
    ...(cli.stowDir !== undefined ? { stowDir: cli.stowDir } : rc.dir !== undefined ? { stowDir: rc.dir } : {}),
    ...(cli.target !== undefined ? { target: cli.target } : rc.target !== undefined ? { target: rc.target } : {}),
    dotfiles: cli.dotfiles || rc.dotfiles !== undefined,
    fold: cli.fold,
    adopt: rc.adopt !== undefined,
    ignore,
  };
}

function isRegex(r: string): boolean {
  try {
    new RegExp(r);
    return true;
  } catch {
    return false;
  }
}
