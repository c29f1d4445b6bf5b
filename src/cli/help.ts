// Help texts, generated from the one description of the command line (completion/spec.ts):
// the main help, and one per command with its options and an example.

import { COMMAND_SPECS, GLOBAL_FLAGS, type CommandName, type CommandSpec, type FlagSpec } from "../completion/spec.js";

const COLUMN = 28;

// `  -c, --config FILE         use this manifest …`; a long left side puts the text below it.
function optionLine(f: FlagSpec, text: string): string {
  const left = `  ${f.short ? `-${f.short}, ` : "    "}--${f.long}${f.arg ? ` ${f.arg}` : ""}`;
  return left.length + 2 <= COLUMN ? left.padEnd(COLUMN) + text : `${left}\n${" ".repeat(COLUMN)}${text}`;
}

const GLOBAL = `Global options:\n${GLOBAL_FLAGS.map((f) => optionLine(f, f.help)).join("\n")}`;

const NAME_WIDTH = Math.max(...COMMAND_SPECS.map((c) => c.name.length)) + 1;

export const MAIN_HELP = `linkfarm — keep hard and soft links in the shape a YAML manifest declares

Usage: linkfarm COMMAND [options]

Commands:
${COMMAND_SPECS.map((c) => `  ${c.name.padEnd(NAME_WIDTH)}${c.describe}`).join("\n")}

${GLOBAL}

Exit codes: 0 success, 1 failure, 2 changes pending (plan --detailed-exitcode only),
130 or 143 an apply or unlink stopped by Ctrl-C (SIGINT) or SIGTERM (run it again to finish).

Example:
  linkfarm plan && linkfarm apply
`;

// One command's help: usage, what it does, its options, an example.
function commandHelp(c: CommandSpec): string {
  const usage = c.usage.map((u, i) => `${i === 0 ? "Usage: " : "       "}${u}`).join("\n");
  const options = c.flags.length
    ? `Options:\n${c.flags.map((f) => optionLine(f, c.flagHelp?.[f.long] ?? f.help)).join("\n")}\n\n`
    : "";
  return `${usage}\n\n${c.about}\n\n${options}Example:\n${c.example.map((e) => `  ${e}`).join("\n")}\n`;
}

export const COMMAND_HELP = Object.fromEntries(COMMAND_SPECS.map((c) => [c.name, commandHelp(c)])) as Record<CommandName, string>;

export function helpText(command?: CommandName): string {
  return command ? COMMAND_HELP[command] + "\n" + GLOBAL + "\n" : MAIN_HELP;
}
