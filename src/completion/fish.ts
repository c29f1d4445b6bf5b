// The fish completion script, generated from the table in spec.ts.

import { assertNever } from "../assert.js";
import { COMMAND_SPECS, GLOBAL_FLAGS, NAMES_COMMAND, type FlagSpec, type PositionalSpec, type ValueKind } from "./spec.js";

// A fish single-quoted string.
function q(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function valueArgs(v: ValueKind | PositionalSpec): string {
  switch (v.kind) {
    case "none":
      return "";
    case "words":
      return ` -x -a ${q(v.words.join(" "))}`;
    case "file":
    case "selectors":
      return v.glob ? ` -r -a ${q(`(__linkfarm_files ${q(v.glob)})`)}` : " -r -F";
    case "dir":
      return ` -x -a ${q("(__fish_complete_directories)")}`;
    case "text":
      return " -x";
    default:
      return assertNever(v);
  }
}

function flagLine(f: FlagSpec, condition: string): string {
  const short = f.short ? ` -s ${f.short}` : "";
  return `complete -c linkfarm -n ${q(condition)}${short} -l ${f.long}${valueArgs(f.value)} -d ${q(f.describe)}`;
}

// The script: save it as ~/.config/fish/completions/linkfarm.fish.
export function fishScript(): string {
  const names = [...COMMAND_SPECS.map((c) => c.name), "help"].join(" ");
  const lines: string[] = [
    "# fish completion for linkfarm",
    "# Install: linkfarm completion fish > ~/.config/fish/completions/linkfarm.fish",
    "",
    "# Files matching a glob, and directories to descend into.",
    "function __linkfarm_files",
    "    for f in (commandline -ct)*",
    "        if test -d $f",
    "            echo $f/",
    "        else if string match -q -- $argv[1] $f",
    "            echo $f",
    "        end",
    "    end",
    "end",
    "",
    "# Entry names of the manifest linkfarm finds; nothing on error.",
    "function __linkfarm_names",
    `    ${NAMES_COMMAND} 2>/dev/null`,
    "end",
    "",
    "complete -c linkfarm -f",
    ...GLOBAL_FLAGS.map((f) => flagLine(f, "true")),
  ];
  const none = `not __fish_seen_subcommand_from ${names}`;
  for (const c of COMMAND_SPECS) lines.push(`complete -c linkfarm -n ${q(none)} -a ${c.name} -d ${q(c.describe)}`);
  lines.push(`complete -c linkfarm -n ${q(none)} -a help -d ${q("show help for a command")}`);
  lines.push(
    `complete -c linkfarm -n ${q("__fish_seen_subcommand_from help")} -a ${q(COMMAND_SPECS.map((c) => c.name).join(" "))}`,
  );
  for (const c of COMMAND_SPECS) {
    const seen = `__fish_seen_subcommand_from ${c.name}`;
    for (const f of c.flags) lines.push(flagLine(f, seen));
    const p = c.positional;
    if (p.kind === "words") {
      const first = `${seen}; and not __fish_seen_subcommand_from ${p.words.join(" ")}`;
      lines.push(`complete -c linkfarm -n ${q(first)} -a ${q(p.words.join(" "))}`);
      if (p.rest === "file") lines.push(`complete -c linkfarm -n ${q(`__fish_seen_subcommand_from ${p.words.join(" ")}`)} -F`);
    } else if (p.kind === "file") {
      lines.push(`complete -c linkfarm -n ${q(seen)}${valueArgs(p).replace(" -r", "")}`);
    } else if (p.kind === "selectors") {
      lines.push(`complete -c linkfarm -n ${q(seen)}${valueArgs(p).replace(" -r", "")}`);
      lines.push(`complete -c linkfarm -n ${q(seen)} -a ${q("(__linkfarm_names)")} -d ${q("entry name")}`);
    }
  }
  return lines.join("\n") + "\n";
}
