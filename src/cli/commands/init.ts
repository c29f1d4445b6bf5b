// `linkfarm init [FILE]`: write the starter manifest; never overwrite anything.

import { diag, UserError } from "../../diagnostic.js";
import { SEARCH_PLACES } from "../../manifest/discover.js";
import { STARTER_MANIFEST } from "../../manifest/starter.js";
import { errnoCode, realFs } from "../../platform/fs.js";
import { isInside, path } from "../../platform/paths.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

export async function runInit(settings: Settings, io: IO): Promise<number> {
  const file = path.resolve(settings.cwd, settings.initFile ?? "linkfarm.yaml");
  try {
    // "wx": fail if anything exists there, atomically (no check-then-write race).
    realFs.writeFileSync(file, STARTER_MANIFEST, { flag: "wx" });
  } catch (err) {
    const code = errnoCode(err);
    if (code === "EEXIST") {
      throw new UserError([
        diag("io", `${file} already exists; \`linkfarm init\` never overwrites a file (pass another FILE)`),
      ]);
    }
    throw new UserError([diag("io", `cannot write ${file}: ${code ?? String(err)}`)]);
  }
  if (!settings.quiet) {
    const shown = isInside(file, settings.cwd) ? path.relative(settings.cwd, file) : file;
    const found = (SEARCH_PLACES as readonly string[]).includes(path.basename(file));
    const next = found ? "linkfarm validate" : `linkfarm validate -c ${shown}`;
    io.stdout(`Wrote ${shown}. Add links to it, then run \`${next}\` and \`linkfarm plan\`.\n`);
  }
  return 0;
}
