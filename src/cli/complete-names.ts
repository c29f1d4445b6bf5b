// `linkfarm __complete names [-c FILE] [--state FILE]`: the entry names a selector may use (the
// manifest's and those only the state records), one a line, for the shell completions. Hidden
// from help. Fast and read-only: the manifest and the state file, no observation, no lock.

import { UserError } from "../diagnostic.js";
import { knownNames } from "../plan/select.js";
import { parseSettings } from "./args.js";
import type { IO } from "./io.js";
import { loadBase } from "./load-context.js";

export async function runCompleteNames(argv: readonly string[], io: IO): Promise<number> {
  const [what, ...flags] = argv;
  if (what !== "names") throw new UserError(`\`linkfarm __complete\` lists "names" only, not "${what ?? ""}"`);
  // `status` takes the same -c and --state; selectors would be refused below.
  const settings = parseSettings(["status", ...flags], io);
  if (settings.selectors.length > 0) throw new UserError(`\`linkfarm __complete names\` takes no arguments`);
  const { manifest, state } = await loadBase(settings);
  const names = knownNames(manifest.links, state);
  io.stdout(names.map((n) => `${n}\n`).join(""));
  return 0;
}
