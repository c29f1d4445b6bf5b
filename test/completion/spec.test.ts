// The one description of the command line (src/completion/spec.ts) agrees with the parser
// (src/cli/args.ts), the help texts (src/cli/help.ts) and the completion scripts.

import { describe, expect, it } from "vitest";
import { COMMANDS, parseSettings } from "../../src/cli/args.js";
import { COMMAND_HELP, helpText } from "../../src/cli/help.js";
import type { IO } from "../../src/cli/io.js";
import { COMMAND_SPECS, FORMATS, GLOBAL_FLAGS, maxPositionals, SHELLS, type FlagSpec } from "../../src/completion/spec.js";
import { HEALTH_STATES } from "../../src/plan/health.js";
import { completionScript } from "../../src/cli/commands/completion.js";
import { UserError } from "../../src/diagnostic.js";
import { CONFLICT_POLICIES } from "../../src/manifest/types.js";

const io: IO = { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false, cwd: "/", env: {} };

// A value the parser accepts for the flag, or none for a switch.
function argv(f: FlagSpec): string[] {
  switch (f.value.kind) {
    case "none":
      return [`--${f.long}`];
    case "words":
      return [`--${f.long}`, f.value.words[0]!];
    case "text":
      return [`--${f.long}`, "1"];
    case "file":
    case "dir":
      return [`--${f.long}`, "x"];
  }
}

function accepts(args: string[]): boolean {
  try {
    parseSettings(args, io);
    return true;
  } catch (err) {
    if (err instanceof UserError && /does not apply/.test(err.message)) return false;
    throw err;
  }
}

const ALL_FLAGS = new Map<string, FlagSpec>();
for (const f of [...GLOBAL_FLAGS, ...COMMAND_SPECS.flatMap((c) => c.flags)]) ALL_FLAGS.set(f.long, f);

// Flags that a command accepts but whose help text does not list yet (report to the lead;
// delete an entry when help.ts gains the line).
const KNOWN_HELP_GAPS: Record<string, string[]> = {};

describe("completion table", () => {
  it("lists the commands in COMMANDS order", () => {
    expect(COMMAND_SPECS.map((c) => c.name)).toEqual([...COMMANDS]);
  });

  it("offers exactly the flags the parser accepts for each command", () => {
    for (const c of COMMAND_SPECS) {
      const own = new Set([...GLOBAL_FLAGS, ...c.flags].map((f) => f.long));
      for (const [long, f] of ALL_FLAGS) {
        // --help and --version turn any command line into help/version: accepted everywhere.
        expect({ command: c.name, flag: long, accepted: accepts([c.name, ...argv(f)]) }).toEqual({
          command: c.name,
          flag: long,
          accepted: own.has(long),
        });
      }
    }
  });

  it("offers the parser's short spellings", () => {
    for (const f of ALL_FLAGS.values()) {
      if (!f.short) continue;
      const c = COMMAND_SPECS.find((s) => s.flags.includes(f))?.name ?? "plan";
      const long = parseSettings([c, ...argv(f)], io);
      const short = parseSettings([c, `-${f.short}`, ...argv(f).slice(1)], io);
      expect(short).toEqual(long);
    }
  });

  it("offers every conflict policy and output format, and each one parses", () => {
    const conflict = ALL_FLAGS.get("conflict")!.value;
    const format = ALL_FLAGS.get("format")!.value;
    expect(conflict).toEqual({ kind: "words", words: CONFLICT_POLICIES });
    expect(format).toEqual({ kind: "words", words: FORMATS });
    for (const p of CONFLICT_POLICIES) expect(parseSettings(["plan", "--conflict", p], io).conflict).toBe(p);
    for (const f of FORMATS) expect(parseSettings(["plan", "--format", f], io).format).toBe(f);
  });

  it("matches the flags each command's --help lists", () => {
    const global = new Set(helpText().match(/--[a-z][a-z-]*/g));
    for (const g of GLOBAL_FLAGS) expect({ flag: g.long, listed: global.has(`--${g.long}`) }).toEqual({ flag: g.long, listed: true });
    for (const c of COMMAND_SPECS) {
      const body = COMMAND_HELP[c.name].split("Example:")[0]!;
      const listed = new Set(body.match(/--[a-z][a-z-]*/g) ?? []);
      const offered = c.flags.map((f) => `--${f.long}`);
      const missing = offered.filter((f) => !listed.has(f));
      expect({ command: c.name, missing }).toEqual({ command: c.name, missing: KNOWN_HELP_GAPS[c.name] ?? [] });
      for (const f of listed) expect({ command: c.name, flag: f, offered: offered.includes(f) }).toMatchObject({ offered: true });
    }
  });
});

describe("the one table (completion/spec.ts) makes the parser, the help and the completions", () => {
  const scripts = Object.fromEntries(SHELLS.map((s) => [s, completionScript(s)]));

  it("every flag of every command is accepted by the parser, listed in its help and completed by every shell", () => {
    for (const c of COMMAND_SPECS) {
      const help = helpText(c.name);
      for (const f of [...GLOBAL_FLAGS, ...c.flags]) {
        const row = { command: c.name, flag: f.long };
        expect({ ...row, parsed: accepts([c.name, ...argv(f)]) }).toEqual({ ...row, parsed: true });
        expect({ ...row, help: help.includes(`--${f.long}${f.arg ? ` ${f.arg}` : ""}`) }).toEqual({ ...row, help: true });
        if (f.short) expect({ ...row, short: help.includes(`-${f.short}, --${f.long}`) }).toEqual({ ...row, short: true });
        for (const s of SHELLS) expect({ ...row, shell: s, completed: scripts[s]!.includes(f.long) }).toEqual({ ...row, shell: s, completed: true });
      }
      expect(COMMAND_HELP[c.name]).toContain(`Usage: ${c.usage[0]}`);
      // zsh and fish show each command's line (quoted: a line with a quote is escaped there).
      if (!c.describe.includes("'")) for (const s of ["zsh", "fish"]) expect(scripts[s]).toContain(c.describe);
    }
  });

  it("the parser takes as many positional arguments as the table says", () => {
    for (const c of COMMAND_SPECS) {
      const max = maxPositionals(c.positional);
      if (max === Infinity) continue;
      const words = c.positional.kind === "words" ? c.positional.words : ["x"];
      expect(() => parseSettings([c.name, ...Array.from({ length: max + 1 }, () => words[0]!)], io)).toThrow(/takes/);
    }
  });

  it("status --help lists every health state status reports", () => {
    for (const h of HEALTH_STATES) expect(helpText("status")).toContain(h);
  });
});
