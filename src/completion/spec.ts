// The command line, described once: commands, each command's flags with the kind of value they
// take, each command's positional arguments, and the words of its help. cli/args.ts builds the
// parser's options from it, cli/help.ts the help texts, bash.ts/zsh.ts/fish.ts the completions
// (it lives here, below cli/, so that completion/ can import it).

import { HEALTH_STATES } from "../plan/health-states.js";
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
  /** May be given more than once (the values are collected in order). */
  multiple?: boolean;
  /** One short phrase, for the completion menus. */
  describe: string;
  /** The value's name in help (`--config FILE`); only for flags that take a value. */
  arg?: string;
  /** The help line (a command may say it its own way: CommandSpec.flagHelp). */
  help: string;
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
  name: string;
  /** One line: the main help's command list and the completion menus. */
  describe: string;
  flags: readonly FlagSpec[];
  positional: PositionalSpec;
  /** What follows `Usage: ` (more than one line for more than one form). */
  usage: readonly string[];
  /** The help's paragraph. */
  about: string;
  /** Help lines for flags this command describes its own way, by long name. */
  flagHelp?: Readonly<Record<string, string>>;
  example: readonly string[];
}

const NONE: ValueKind = { kind: "none" };
export const FORMATS = ["text", "json", "markdown"] as const;
export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

// "a, b or c"
function orList(words: readonly string[]): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

// The flags every command accepts.
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { long: "config", short: "c", value: { kind: "file" }, arg: "FILE", describe: "use this manifest", help: "use this manifest instead of searching from the current directory" },
  { long: "state", value: { kind: "file" }, arg: "FILE", describe: "use this state file", help: "use this state file instead of the one under $LINKFARM_STATE_DIR" },
  { long: "quiet", short: "q", value: NONE, describe: "print nothing when all is well", help: "print nothing when all is well; problems are still printed" },
  { long: "verbose", short: "v", value: NONE, describe: "print ok links too", help: "print ok links too, and links skipped by when or optional" },
  { long: "color", value: NONE, describe: "force colour", help: "force colour (NO_COLOR and FORCE_COLOR are honoured)" },
  { long: "no-color", value: NONE, describe: "disable colour", help: "disable colour" },
  { long: "no-cache", value: NONE, describe: "do not use the verdict cache", help: "observe every link afresh; neither read nor write the verdict cache (also: LINKFARM_NO_CACHE=1)" },
  { long: "help", short: "h", value: NONE, describe: "show help", help: "show help (also: linkfarm COMMAND --help)" },
  { long: "version", short: "V", value: NONE, describe: "print the version", help: "print the version" },
];

const F = {
  json: { long: "json", value: NONE, describe: "one JSON document on stdout", help: "one JSON document on stdout" },
  format: { long: "format", value: { kind: "words", words: FORMATS }, arg: "FORMAT", describe: "output format", help: `${orList(FORMATS)}` },
  out: { long: "out", value: { kind: "file", glob: "*.json" }, arg: "FILE", describe: "save the plan to FILE", help: "save the plan, to run later with `linkfarm apply FILE`" },
  detailed: { long: "detailed-exitcode", value: NONE, describe: "exit 2 when changes are pending", help: "exit 0 when in sync, 2 when changes are pending, 1 on error" },
  conflict: {
    long: "conflict",
    value: { kind: "words", words: CONFLICT_POLICIES },
    arg: "POLICY",
    describe: "conflict policy for every link",
    help: `${orList(CONFLICT_POLICIES)}, for every link`,
  },
  dryRun: { long: "dry-run", short: "n", value: NONE, describe: "print the plan, change nothing", help: "print the plan and change nothing" },
  lockTimeout: {
    long: "lock-timeout",
    value: { kind: "text", label: "seconds" },
    arg: "S",
    describe: "wait at most S seconds for the lock",
    help: "wait at most S seconds for another apply (default 10)",
  },
  restore: { long: "restore", value: NONE, describe: "put backups back", help: "rename backups back into place" },
  output: { long: "output", short: "o", value: { kind: "file" }, arg: "FILE", describe: "write the manifest to FILE", help: "write the manifest to FILE instead of stdout" },
  dir: { long: "dir", short: "d", value: { kind: "dir" }, arg: "DIR", describe: "stow directory", help: "stow: the stow directory (default: the current directory)" },
  target: { long: "target", short: "t", value: { kind: "dir" }, arg: "DIR", describe: "stow target directory", help: "stow: the target directory (default: the parent of the stow directory)" },
  fold: { long: "fold", value: NONE, describe: "link whole directories where Stow folds", help: "stow: link whole directories where Stow would fold them" },
  dotfiles: { long: "dotfiles", value: NONE, describe: "translate dot-foo into .foo", help: "stow: translate dot-foo into .foo, like stow --dotfiles" },
  ignore: {
    long: "ignore",
    value: { kind: "text", label: "regex" },
    multiple: true,
    arg: "REGEX",
    describe: "Stow --ignore: skip paths ending in REGEX",
    help: "stow: skip paths ending in REGEX, like stow --ignore (repeatable)",
  },
  defer: {
    long: "defer",
    value: { kind: "text", label: "regex" },
    multiple: true,
    arg: "REGEX",
    describe: "Stow --defer (cannot be carried; listed)",
    help: "stow: as Stow; cannot be carried (listed as dropped, exit 1)",
  },
  override: {
    long: "override",
    value: { kind: "text", label: "regex" },
    multiple: true,
    arg: "REGEX",
    describe: "Stow --override",
    help: "stow: as Stow; linkfarm re-points links into the stow directory anyway",
  },
} satisfies Record<string, FlagSpec>;

const JSON_OR_FORMAT = "one JSON document on stdout (same as --format json)";

// One entry per command, in the order the main help lists them.
const SPECS = [
  {
    name: "plan",
    describe: "show what apply would change",
    flags: [F.json, F.format, F.out, F.detailed, F.conflict],
    positional: { kind: "selectors" },
    usage: ["linkfarm plan [SELECTOR...] [options]"],
    about: `Read the manifest, observe the disk, and print what apply would change. Changes nothing.
SELECTORs (entry names or target paths: \`vim ~/.config/nvim\`) narrow it to those links.`,
    flagHelp: { json: JSON_OR_FORMAT, format: "text (default), json or markdown" },
    example: ['linkfarm plan --detailed-exitcode --format markdown >> "$GITHUB_STEP_SUMMARY"'],
  },
  {
    name: "apply",
    describe: "make the disk match the manifest",
    flags: [F.json, F.format, F.dryRun, F.conflict, F.lockTimeout],
    positional: { kind: "selectors", glob: "*.json" },
    usage: ["linkfarm apply [PLANFILE | SELECTOR...] [options]"],
    about: `Make the disk match the manifest: create missing links, repair broken ones, remove links
linkfarm made that are no longer declared. With PLANFILE (an existing *.json file), run
exactly that saved plan. SELECTORs (entry names or target paths) act on those links only;
prune too stays inside them (\`linkfarm apply vim\` never removes what bash made).`,
    flagHelp: { json: JSON_OR_FORMAT, format: "text (default) or json; markdown with --dry-run" },
    example: ["linkfarm plan --out plan.json && linkfarm apply plan.json"],
  },
  {
    name: "status",
    describe: "show the links linkfarm manages and their health",
    flags: [F.json],
    positional: { kind: "selectors" },
    usage: ["linkfarm status [SELECTOR...] [options]"],
    about: `List the links linkfarm manages and their health, hard links with their link count.
Health: ${HEALTH_STATES.join(", ")}.`,
    example: ["linkfarm status --json"],
  },
  {
    name: "unlink",
    describe: "remove every link this manifest manages",
    flags: [F.json, F.dryRun, F.restore, F.lockTimeout],
    positional: { kind: "selectors" },
    usage: ["linkfarm unlink [SELECTOR...] [options]"],
    about: `Remove every link this manifest manages, with the same safety rules as prune: a link
that is the last name of its data, or that you changed, is forgotten (left in place, no
longer managed), not removed. Links and directories are counted apart. With SELECTORs
(entry names or target paths), only those (\`linkfarm unlink bash\`, like stow -D).`,
    flagHelp: { "dry-run": "print what would be removed and change nothing" },
    example: ["linkfarm unlink --restore"],
  },
  {
    name: "validate",
    describe: "check the manifest only",
    flags: [F.json],
    positional: { kind: "none" },
    usage: ["linkfarm validate [options]"],
    about: "Check the manifest only: YAML, schema, and rules. Prints FILE:LINE:COL for each problem.",
    flagHelp: { json: "{valid, file, links, diagnostics} as one JSON document" },
    example: ["linkfarm validate -c dotfiles/linkfarm.yaml"],
  },
  {
    name: "init",
    describe: "write a starter manifest",
    flags: [],
    positional: { kind: "file" },
    usage: ["linkfarm init [FILE]"],
    about: `Write a starter manifest (default ./linkfarm.yaml; FILE's directory must exist) headed by a
schema comment for editors. Refuses to overwrite an existing file.`,
    example: ["linkfarm init && $EDITOR linkfarm.yaml"],
  },
  {
    name: "schema",
    describe: "print the manifest's JSON Schema",
    flags: [],
    positional: { kind: "none" },
    usage: ["linkfarm schema"],
    about: "Print the manifest's JSON Schema (draft 2020-12).",
    example: ["linkfarm schema > linkfarm.schema.json"],
  },
  {
    name: "completion",
    describe: `print a shell completion script (${SHELLS.join(", ")})`,
    flags: [],
    positional: { kind: "words", words: SHELLS },
    usage: [`linkfarm completion ${SHELLS.join("|")}`],
    about: "Print a completion script for the shell.",
    example: [
      "linkfarm completion bash > ~/.local/share/bash-completion/completions/linkfarm",
      'linkfarm completion zsh > "${fpath[1]}/_linkfarm"',
      "linkfarm completion fish > ~/.config/fish/completions/linkfarm.fish",
    ],
  },
  {
    name: "import",
    describe: "translate a GNU Stow or dotbot setup into a linkfarm.yaml",
    flags: [F.output, F.dir, F.target, F.fold, F.dotfiles, F.ignore, F.defer, F.override],
    positional: { kind: "words", words: ["dotbot", "stow"], rest: "file" },
    usage: [
      "linkfarm import dotbot [install.conf.yaml] [-o FILE]",
      "linkfarm import stow [-d DIR] [-t TARGET] [--fold] [--dotfiles] [--ignore=REGEX] PACKAGE... [-o FILE]",
    ],
    about: `Translate a dotbot configuration or GNU Stow packages into a linkfarm.yaml (printed, or
written with -o). Anything that cannot be translated is listed on stderr. Printed, paths
are written for a file saved in the stow directory (dotbot: the configuration's directory).
import stow reads ~/.stowrc and ./.stowrc first, as Stow does.`,
    example: ["cd ~/dotfiles && linkfarm import stow bash git nvim -o linkfarm.yaml"],
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof SPECS)[number]["name"];
export const COMMAND_SPECS: readonly (CommandSpec & { name: CommandName })[] = SPECS;
export const COMMANDS: readonly CommandName[] = COMMAND_SPECS.map((c) => c.name);

/** The command's spec by name. */
export function commandSpec(name: CommandName): CommandSpec {
  return COMMAND_SPECS.find((c) => c.name === name)!;
}

/** Every flag, global ones first, each once. */
export function allFlags(): FlagSpec[] {
  const out = new Map<string, FlagSpec>();
  for (const f of [...GLOBAL_FLAGS, ...COMMAND_SPECS.flatMap((c) => c.flags)]) out.set(f.long, f);
  return [...out.values()];
}

/** How many positional arguments a command takes. */
export function maxPositionals(p: PositionalSpec): number {
  switch (p.kind) {
    case "none":
      return 0;
    case "file":
      return 1;
    case "words":
      return p.rest ? Infinity : 1;
    case "selectors":
      return Infinity;
  }
}

// Every flag that takes a value, as the shells spell it (-c and --config), for skipping values
// while looking for the command word.
export function flagsWithValues(): string[] {
  const out = new Set<string>();
  for (const f of allFlags()) {
    if (f.value.kind === "none") continue;
    out.add(`--${f.long}`);
    if (f.short) out.add(`-${f.short}`);
  }
  return [...out].sort();
}
