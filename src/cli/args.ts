// Flags, environment and defaults merge into one Settings object here, once, validated.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserError } from "../diagnostic.js";
import { CONFLICT_POLICIES, type ConflictPolicy } from "../manifest/types.js";
import { allFlags, COMMANDS, commandSpec, FORMATS, GLOBAL_FLAGS, maxPositionals, type CommandName } from "../completion/spec.js";
import type { IO } from "./io.js";
import { closest } from "../suggest.js";
import { flagOn } from "../platform/env-flag.js";

export { COMMANDS, type CommandName } from "../completion/spec.js";

export type OutputFormat = (typeof FORMATS)[number];

export interface Settings {
  command: CommandName | "help" | "version";
  /** The command whose help was asked for (`linkfarm plan --help`), if any. */
  helpFor?: CommandName;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  config?: string;
  state?: string;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  format: OutputFormat;
  /** plan --out FILE: where to save the plan. */
  planOutFile?: string;
  /** plan --detailed-exitcode */
  detailedExitcode: boolean;
  /** apply PLANFILE: a first argument ending in `.json` (cli/selectors.ts checks it is a file). */
  planFile?: string;
  /** plan|apply|status|unlink SELECTOR...: entry names and target paths, as typed. */
  selectors: string[];
  dryRun: boolean;
  /** --conflict POLICY: overrides every link's policy. */
  conflict?: ConflictPolicy;
  lockTimeoutMs: number;
  /** false with --no-cache or LINKFARM_NO_CACHE=1: the verdict cache is neither read nor written. */
  cache: boolean;
  /** unlink --restore */
  restore: boolean;
  /** init: where to write (default ./linkfarm.yaml) */
  initFile?: string;
  /** The positional arguments after the command name (completion SHELL, import KIND ARGS...). */
  args: string[];
  /** import -o FILE: where to write the imported manifest instead of stdout. */
  importOutputFile?: string;
  /** import stow: -d DIR (the stow directory) and -t DIR (the target directory). */
  stowDir?: string;
  stowTarget?: string;
  /** import stow: --fold (directory links where Stow would fold), --dotfiles (dot- prefixes). */
  fold: boolean;
  dotfiles: boolean;
  /** import stow: --ignore, --defer, --override (Perl regexes, as Stow takes them). */
  stowIgnore: string[];
  stowDefer: string[];
  stowOverride: string[];
}

// The parser's options, from the one description of the command line (completion/spec.ts).
const OPTIONS: NonNullable<ParseArgsConfig["options"]> = Object.fromEntries(
  allFlags().map((f) => [
    f.long,
    {
      type: f.value.kind === "none" ? "boolean" : "string",
      ...(f.short ? { short: f.short } : {}),
      ...(f.multiple ? { multiple: true } : {}),
    },
  ]),
);

/** The values parseArgs returns for OPTIONS, by the type each flag has in the table. */
interface Values {
  [long: string]: string | boolean | string[] | undefined;
}
const str = (v: Values, k: string): string | undefined => v[k] as string | undefined;
const bool = (v: Values, k: string): boolean => (v[k] as boolean | undefined) ?? false;
const list = (v: Values, k: string): string[] => (v[k] as string[] | undefined) ?? [];

// The commands whose positional arguments are selectors.
function selecting(command: Settings["command"]): boolean {
  return command !== "help" && command !== "version" && commandSpec(command).positional.kind === "selectors";
}

function usage(message: string, hint = "Run `linkfarm --help` for usage."): UserError {
  return new UserError(`${message}\n${hint}`);
}


// Flags whose string value goes to a setting as given, when present.
const STRING_SETTINGS = [
  ["output", "importOutputFile"],
  ["dir", "stowDir"],
  ["target", "stowTarget"],
  ["config", "config"],
  ["state", "state"],
  ["out", "planOutFile"],
] as const satisfies readonly (readonly [string, keyof Settings])[];

export function parseSettings(argv: readonly string[], io: IO): Settings {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /Unknown option '(-{1,2}[^']+)'/.exec(msg);
    if (m) {
      const flag = m[1]!.replace(/^-+/, "");
      const guess = closest(flag, Object.keys(OPTIONS));
      throw usage(`unknown option ${m[1]}`, guess ? `Did you mean --${guess}?` : undefined);
    }
    throw usage(msg.split("\n")[0]!);
  }
  const values = parsed.values as Values;
  const positionals = parsed.positionals;

  const first = positionals[0];
  let command: Settings["command"];
  if (first === undefined) {
    command = bool(values, "version") ? "version" : "help";
  } else if ((COMMANDS as readonly string[]).includes(first)) {
    command = first as CommandName;
  } else if (first === "help") {
    command = "help";
  } else {
    const guess = closest(first, COMMANDS);
    throw usage(
      `unknown command "${first}"`,
      guess ? `Did you mean \`linkfarm ${guess}\`?` : "Commands: " + COMMANDS.join(", ") + ".",
    );
  }

  let helpFor: CommandName | undefined;
  if (command === "help" && positionals[1] !== undefined) {
    const topic = positionals[1];
    if (!(COMMANDS as readonly string[]).includes(topic)) throw usage(`unknown command "${topic}"`);
    helpFor = topic as CommandName;
  }
  if (bool(values, "help") && command !== "help" && command !== "version") {
    helpFor = command;
    command = "help";
  }
  if (bool(values, "version") && command !== "help") command = "version";

  if (command !== "help" && command !== "version") {
    const spec = commandSpec(command);
    const allowed = new Set([...GLOBAL_FLAGS, ...spec.flags].map((f) => f.long));
    for (const key of Object.keys(values)) {
      if (!allowed.has(key)) {
        throw usage(
          `option --${key} does not apply to \`linkfarm ${command}\``,
          `Run \`linkfarm ${command} --help\` for its options.`,
        );
      }
    }
    const max = maxPositionals(spec.positional);
    if (positionals.length - 1 > max) {
      throw usage(
        `\`linkfarm ${command}\` takes ${max === 0 ? "no arguments" : "at most one argument"}, got "${positionals
          .slice(1)
          .join(" ")}"`,
        `Run \`linkfarm ${command} --help\` for usage.`,
      );
    }
  }

  let format: OutputFormat = "text";
  const givenFormat = str(values, "format");
  if (givenFormat !== undefined) {
    if (!(FORMATS as readonly string[]).includes(givenFormat)) {
      throw usage(`--format must be text, json or markdown, not "${givenFormat}"`);
    }
    format = givenFormat as OutputFormat;
  }
  if (bool(values, "json")) {
    if (givenFormat !== undefined && givenFormat !== "json") {
      throw usage(`--json and --format ${givenFormat} disagree; use one of them`);
    }
    format = "json";
  }

  // A real apply reports outcomes (text or JSON); markdown is a view of a plan only.
  if (command === "apply" && format === "markdown" && !bool(values, "dry-run")) {
    throw usage("--format markdown goes with --dry-run (apply reports outcomes as text or JSON)");
  }

  let conflict: ConflictPolicy | undefined;
  const givenConflict = str(values, "conflict");
  if (givenConflict !== undefined) {
    if (!(CONFLICT_POLICIES as readonly string[]).includes(givenConflict)) {
      throw usage(`--conflict must be one of ${CONFLICT_POLICIES.join(", ")}, not "${givenConflict}"`);
    }
    conflict = givenConflict as ConflictPolicy;
  }

  let lockTimeoutMs = 10_000;
  const givenTimeout = str(values, "lock-timeout");
  if (givenTimeout !== undefined) {
    const s = Number(givenTimeout);
    if (!Number.isFinite(s) || s < 0) {
      throw usage(`--lock-timeout takes seconds (a number ≥ 0), not "${givenTimeout}"`);
    }
    lockTimeoutMs = Math.round(s * 1000);
  }

  const env = io.env;
  let color: boolean;
  if (bool(values, "no-color")) color = false;
  else if (bool(values, "color")) color = true;
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") color = false;
  else if (flagOn(env.FORCE_COLOR)) color = true;
  else color = io.stdoutIsTTY && env.TERM !== "dumb";

  const settings: Settings = {
    command,
    cwd: io.cwd,
    env,
    quiet: bool(values, "quiet"),
    verbose: bool(values, "verbose"),
    color,
    format,
    detailedExitcode: bool(values, "detailed-exitcode"),
    dryRun: bool(values, "dry-run"),
    lockTimeoutMs,
    cache: !bool(values, "no-cache") && !flagOn(env.LINKFARM_NO_CACHE),
    restore: bool(values, "restore"),
    args: positionals.slice(1),
    selectors: selecting(command) ? positionals.slice(1) : [],
    fold: bool(values, "fold"),
    dotfiles: bool(values, "dotfiles"),
    stowIgnore: list(values, "ignore"),
    stowDefer: list(values, "defer"),
    stowOverride: list(values, "override"),
  };
  for (const [flag, key] of STRING_SETTINGS) {
    const value = str(values, flag);
    if (value !== undefined) settings[key] = value;
  }
  if (helpFor) settings.helpFor = helpFor;
  if (conflict) settings.conflict = conflict;
  if (command === "apply" && positionals[1]?.endsWith(".json")) {
    settings.planFile = positionals[1];
    settings.selectors = positionals.slice(2);
  }
  if (command === "init" && positionals[1] !== undefined) settings.initFile = positionals[1];
  return settings;
}
