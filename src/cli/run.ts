// run(argv, io) → exit code. The one catch: UserError → its diagnostics (with the manifest line
// and a caret when it carries the manifest texts; coloured on a terminal unless --no-color) and
// its exit code; anything else is a bug and gets its stack.

import { InternalError, UserError } from "../diagnostic.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { parseSettings, type CommandName, type Settings } from "./args.js";
import { helpText } from "./help.js";
import type { IO } from "./io.js";
import { VERSION } from "../version.js";

type CommandFn = (settings: Settings, io: IO) => Promise<number>;

// Commands are imported lazily so that `validate` never loads the planner or the applier.
const LOADERS: Record<CommandName, () => Promise<CommandFn>> = {
  plan: async () => (await import("./commands/plan.js")).runPlan,
  apply: async () => (await import("./commands/apply.js")).runApply,
  status: async () => (await import("./commands/status.js")).runStatus,
  unlink: async () => (await import("./commands/unlink.js")).runUnlink,
  validate: async () => (await import("./commands/validate.js")).runValidate,
  init: async () => (await import("./commands/init.js")).runInit,
  schema: async () => (await import("./commands/schema.js")).runSchema,
  completion: async () => (await import("./commands/completion.js")).runCompletion,
  import: async () => (await import("./commands/import.js")).runImport,
};

export async function run(argv: readonly string[], io: IO): Promise<number> {
  let color = false;
  try {
    // Hidden: what the shell completions run to list entry names.
    if (argv[0] === "__complete") return await (await import("./complete-names.js")).runCompleteNames(argv.slice(1), io);
    const settings = parseSettings(argv, io);
    color = settings.color && io.stderrIsTTY;
    if (settings.command === "help") {
      io.stdout(helpText(settings.helpFor));
      return 0;
    }
    if (settings.command === "version") {
      io.stdout(`linkfarm ${VERSION}\n`);
      return 0;
    }
    const fn = await LOADERS[settings.command]();
    return await fn(settings, io);
  } catch (err) {
    if (err instanceof UserError) {
      const sources = err.sources;
      io.stderr(formatDiagnostics(err.diagnostics, { color, ...(sources ? { sources } : {}) }));
      return err.exitCode;
    }
    const e = err instanceof Error ? err : new InternalError(String(err));
    io.stderr(
      `linkfarm: internal error (this is a bug, please report it): ${e.message}\n${e.stack ?? ""}\n`,
    );
    return 1;
  }
}
