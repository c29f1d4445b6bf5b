// What the shell completions offer: commands, each command's flags with the kind of value they
// take, and each command's positional arguments. Mirrors src/cli/args.ts (a test checks the two
// agree by parsing every command with every flag), so the three scripts are generated, not kept.

import type { CommandName } from "../cli/args.js";
import { CONFLICT_POLICIES } from "../manifest/types.js";

/** What follows a flag: nothing (a switch), a fixed word list, a file, a directory, or free text. */
export type ValueKind =
  | { kind: "none" }
  | { kind: "words"; words: readonly string[] }
  | { kind: "file"; glob?: string }
  | { kind: "dir" }
  | { kind: "text"; label: string };

export interface FlagSpec {
  long: string;
  short?: string;
  value: ValueKind;
  describe: string;
}

/**
 * A command's positional arguments: the first one (words or a file), and for words what follows.
 * `selectors`: any number of entry names (the script asks `linkfarm __complete names`) and
 * target paths (files, only those matching `glob` if given, and directories).
 */
export type PositionalSpec =
  | { kind: "none" }
  | { kind: "words"; words: readonly string[]; rest?: "file" }
  | { kind: "file"; glob?: string }
  | { kind: "selectors"; glob?: string };

/** The hidden command the scripts run to list entry names (manifest and state), one a line. */
export const NAMES_COMMAND = "linkfarm __complete names";

export interface CommandSpec {
  name: CommandName;
  describe: string;
  flags: readonly FlagSpec[];
  positional: PositionalSpec;
}

const NONE: ValueKind = { kind: "none" };
export const FORMATS = ["text", "json", "markdown"] as const;
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

// The flags every command accepts.
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { long: "config", short: "c", value: { kind: "file" }, describe: "use this manifest" },
  { long: "state", value: { kind: "file" }, describe: "use this state file" },
  { long: "quiet", short: "q", value: NONE, describe: "print nothing when all is well" },
  { long: "verbose", short: "v", value: NONE, describe: "print ok links too" },
  { long: "color", value: NONE, describe: "force colour" },
  { long: "no-color", value: NONE, describe: "disable colour" },
  { long: "help", short: "h", value: NONE, describe: "show help" },
  { long: "version", short: "V", value: NONE, describe: "print the version" },
];

const F = {
  json: { long: "json", value: NONE, describe: "one JSON document on stdout" },
  format: { long: "format", value: { kind: "words", words: FORMATS }, describe: "output format" },
  out: { long: "out", value: { kind: "file", glob: "*.json" }, describe: "save the plan to FILE" },
  detailed: { long: "detailed-exitcode", value: NONE, describe: "exit 2 when changes are pending" },
  conflict: {
    long: "conflict",
    value: { kind: "words", words: CONFLICT_POLICIES },
    describe: "conflict policy for every link",
  },
  dryRun: { long: "dry-run", short: "n", value: NONE, describe: "print the plan, change nothing" },
  lockTimeout: { long: "lock-timeout", value: { kind: "text", label: "seconds" }, describe: "wait at most S seconds for the lock" },
  restore: { long: "restore", value: NONE, describe: "put backups back" },
  output: { long: "output", short: "o", value: { kind: "file" }, describe: "write the manifest to FILE" },
  dir: { long: "dir", short: "d", value: { kind: "dir" }, describe: "stow directory" },
  target: { long: "target", short: "t", value: { kind: "dir" }, describe: "stow target directory" },
  fold: { long: "fold", value: NONE, describe: "link whole directories where Stow folds" },
  dotfiles: { long: "dotfiles", value: NONE, describe: "translate dot-foo into .foo" },
  ignore: { long: "ignore", value: { kind: "text", label: "regex" }, describe: "Stow --ignore: skip paths ending in REGEX" },
  defer: { long: "defer", value: { kind: "text", label: "regex" }, describe: "Stow --defer (cannot be carried; listed)" },
  override: { long: "override", value: { kind: "text", label: "regex" }, describe: "Stow --override" },
} satisfies Record<string, FlagSpec>;

// One entry per command, in COMMANDS order (a test checks that too).
export const COMMAND_SPECS: readonly CommandSpec[] = [
  { name: "plan", describe: "show what apply would change", flags: [F.json, F.format, F.out, F.detailed, F.conflict], positional: { kind: "selectors" } },
  {
    name: "apply",
    describe: "make the disk match the manifest",
    flags: [F.json, F.format, F.dryRun, F.conflict, F.lockTimeout],
    positional: { kind: "selectors", glob: "*.json" },
  },
  { name: "status", describe: "show managed links and their health", flags: [F.json], positional: { kind: "selectors" } },
  {
    name: "unlink",
    describe: "remove every link this manifest manages",
    flags: [F.json, F.dryRun, F.restore, F.lockTimeout],
    positional: { kind: "selectors" },
  },
  { name: "validate", describe: "check the manifest only", flags: [F.json], positional: { kind: "none" } },
  { name: "init", describe: "write a starter manifest", flags: [], positional: { kind: "file" } },
  { name: "schema", describe: "print the manifest's JSON Schema", flags: [], positional: { kind: "none" } },
  { name: "completion", describe: "print a shell completion script", flags: [], positional: { kind: "words", words: SHELLS } },
  {
    name: "import",
    describe: "translate a Stow or dotbot setup",
    flags: [F.output, F.dir, F.target, F.fold, F.dotfiles, F.ignore, F.defer, F.override],
    positional: { kind: "words", words: ["dotbot", "stow"], rest: "file" },
  },
];

// Every flag that takes a value, as the shells spell it (-c and --config), for skipping values
// while looking for the command word.
export function flagsWithValues(): string[] {
  const all = [...GLOBAL_FLAGS, ...COMMAND_SPECS.flatMap((c) => c.flags)];
  const out = new Set<string>();
  for (const f of all) {
    if (f.value.kind === "none") continue;
    out.add(`--${f.long}`);
    if (f.short) out.add(`-${f.short}`);
  }
  return [...out].sort();
}

