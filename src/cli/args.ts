// Flags, environment and defaults merge into one Settings object here, once, validated.

import { parseArgs } from "node:util";
import { UserError } from "../diagnostic.js";
import { CONFLICT_POLICIES, type ConflictPolicy } from "../manifest/types.js";
import type { IO } from "./io.js";
import { closest } from "../suggest.js";

export const COMMANDS = [
  "plan",
  "apply",
  "status",
  "unlink",
  "validate",
  "init",
  "schema",
  "completion",
  "import",
] as const;
export type CommandName = (typeof COMMANDS)[number];

export type OutputFormat = "text" | "json" | "markdown";

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
  /** plan --out FILE */
  out?: string;
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
  /** unlink --restore */
  restore: boolean;
  /** init: where to write (default ./linkfarm.yaml) */
  initFile?: string;
  /** The positional arguments after the command name (completion SHELL, import KIND ARGS...). */
  args: string[];
  /** import: -o FILE (write the manifest there instead of stdout). */
  output?: string;
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

const OPTIONS = {
  config: { type: "string", short: "c" },
  state: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean", short: "v" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  json: { type: "boolean" },
  format: { type: "string" },
  out: { type: "string" },
  "detailed-exitcode": { type: "boolean" },
  "dry-run": { type: "boolean", short: "n" },
  conflict: { type: "string" },
  "lock-timeout": { type: "string" },
  restore: { type: "boolean" },
  output: { type: "string", short: "o" },
  dir: { type: "string", short: "d" },
  target: { type: "string", short: "t" },
  fold: { type: "boolean" },
  dotfiles: { type: "boolean" },
  ignore: { type: "string", multiple: true },
  defer: { type: "string", multiple: true },
  override: { type: "string", multiple: true },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The commands that take selectors. */
const SELECTING: ReadonlySet<string> = new Set(["plan", "apply", "status", "unlink"]);

/** Which flags each command accepts, beyond the global ones. */
const COMMAND_FLAGS: Record<CommandName, readonly OptionName[]> = {
  plan: ["json", "format", "out", "detailed-exitcode", "conflict"],
  apply: ["json", "format", "dry-run", "conflict", "lock-timeout"],
  status: ["json"],
  unlink: ["json", "dry-run", "restore", "lock-timeout"],
  validate: ["json"],
  init: [],
  schema: [],
  completion: [],
  import: ["output", "dir", "target", "fold", "dotfiles", "ignore", "defer", "override"],
};

const GLOBAL_FLAGS: readonly OptionName[] = [
  "config",
  "state",
  "quiet",
  "verbose",
  "color",
  "no-color",
  "help",
  "version",
];

/** How many positional arguments each command takes. */
const POSITIONALS: Record<CommandName, number> = {
  plan: Infinity,
  apply: Infinity,
  status: Infinity,
  unlink: Infinity,
  validate: 0,
  init: 1,
  schema: 0,
  completion: 1,
  import: Infinity,
};

function usage(message: string, hint = "Run `linkfarm --help` for usage."): UserError {
  return new UserError(`${message}\n${hint}`);
}

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
  const { values, positionals } = parsed;

  const first = positionals[0];
  let command: Settings["command"];
  if (first === undefined) {
    command = values.version ? "version" : "help";
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
  if (values.help && command !== "help" && command !== "version") {
    helpFor = command;
    command = "help";
  }
  if (values.version && command !== "help") command = "version";

  if (command !== "help" && command !== "version") {
    const allowed = new Set<OptionName>([...GLOBAL_FLAGS, ...COMMAND_FLAGS[command]]);
    for (const key of Object.keys(values) as OptionName[]) {
      if (!allowed.has(key)) {
        throw usage(
          `option --${key} does not apply to \`linkfarm ${command}\``,
          `Run \`linkfarm ${command} --help\` for its options.`,
        );
      }
    }
    const max = POSITIONALS[command];
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
  if (values.format !== undefined) {
    if (values.format !== "text" && values.format !== "json" && values.format !== "markdown") {
      throw usage(`--format must be text, json or markdown, not "${values.format}"`);
    }
    format = values.format;
  }
  if (values.json) {
    if (values.format !== undefined && values.format !== "json") {
      throw usage(`--json and --format ${values.format} disagree; use one of them`);
    }
    format = "json";
  }

  // A real apply reports outcomes (text or JSON); markdown is a view of a plan only.
  if (command === "apply" && format === "markdown" && !values["dry-run"]) {
    throw usage("--format markdown goes with --dry-run (apply reports outcomes as text or JSON)");
  }

  let conflict: ConflictPolicy | undefined;
  if (values.conflict !== undefined) {
    if (!(CONFLICT_POLICIES as readonly string[]).includes(values.conflict)) {
      throw usage(`--conflict must be one of ${CONFLICT_POLICIES.join(", ")}, not "${values.conflict}"`);
    }
    conflict = values.conflict as ConflictPolicy;
  }

  let lockTimeoutMs = 10_000;
  if (values["lock-timeout"] !== undefined) {
    const s = Number(values["lock-timeout"]);
    if (!Number.isFinite(s) || s < 0) {
      throw usage(`--lock-timeout takes seconds (a number ≥ 0), not "${values["lock-timeout"]}"`);
    }
    lockTimeoutMs = Math.round(s * 1000);
  }

  const env = io.env;
  let color: boolean;
  if (values["no-color"]) color = false;
  else if (values.color) color = true;
  else if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") color = false;
  else if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") color = true;
  else color = io.stdoutIsTTY && env.TERM !== "dumb";

  const settings: Settings = {
    command,
    cwd: io.cwd,
    env,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    color,
    format,
    detailedExitcode: values["detailed-exitcode"] ?? false,
    dryRun: values["dry-run"] ?? false,
    lockTimeoutMs,
    restore: values.restore ?? false,
    args: positionals.slice(1),
    selectors: SELECTING.has(command) ? positionals.slice(1) : [],
    fold: values.fold ?? false,
    dotfiles: values.dotfiles ?? false,
    stowIgnore: values.ignore ?? [],
    stowDefer: values.defer ?? [],
    stowOverride: values.override ?? [],
  };
  if (values.output !== undefined) settings.output = values.output;
  if (values.dir !== undefined) settings.stowDir = values.dir;
  if (values.target !== undefined) settings.stowTarget = values.target;
  if (helpFor) settings.helpFor = helpFor;
  if (values.config !== undefined) settings.config = values.config;
  if (values.state !== undefined) settings.state = values.state;
  if (values.out !== undefined) settings.out = values.out;
  if (conflict) settings.conflict = conflict;
  if (command === "apply" && positionals[1]?.endsWith(".json")) {
    settings.planFile = positionals[1];
    settings.selectors = positionals.slice(2);
  }
  if (command === "init" && positionals[1] !== undefined) settings.initFile = positionals[1];
  return settings;
}
