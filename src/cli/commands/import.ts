// `linkfarm import dotbot [FILE]` and `linkfarm import stow [-d DIR] [-t DIR] [--fold]
// [--dotfiles] [--ignore|--defer|--override REGEX]... PACKAGE...` (plus Stow's .stowrc files): translate another tool's configuration into a linkfarm.yaml,
// printed or written with -o (never over an existing file). Notes go to stderr. Exit 0 when
// everything was carried over (changes of meaning are printed as warnings); exit 1 when
// anything was dropped (the manifest is still printed or written) or nothing usable came out.

import { diag, UserError } from "../../diagnostic.js";
import { importDotbot } from "../../import/dotbot/import-dotbot.js";
import { emitManifest } from "../../import/emit-yaml.js";
import type { ImportResult } from "../../import/model.js";
import { anythingDropped, dedupeNotes, formatNotes } from "../../import/notes.js";
import { importStow } from "../../import/stow/import-stow.js";
import { errnoCode, realFs, realFsRead, realpathOr } from "../../platform/fs.js";
import { readHostFacts } from "../../platform/host.js";
import { path } from "../../platform/paths.js";
import { plural } from "../../report/plural.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

const USAGE =
  "usage: linkfarm import dotbot [FILE] | linkfarm import stow [-d DIR] [-t DIR] [--fold] [--dotfiles] [--ignore=REGEX]... PACKAGE...";

export async function runImport(settings: Settings, io: IO): Promise<number> {
  const [kind, ...rest] = settings.args;
  const host = readHostFacts(settings.env);
  const outFile = settings.importOutputFile !== undefined ? path.resolve(settings.cwd, settings.importOutputFile) : undefined;
  // Printed to stdout, paths are written for the natural place to save the manifest (the stow
  // directory, the dotbot configuration's directory): the importers' default.
  // The manifest's directory as the observer will see it (real path), when it exists.
  const manifestDir = outFile ? { manifestDir: realpathOr(realFsRead, path.dirname(outFile)) } : {};
  const stowOnly =
    settings.stowDir !== undefined ||
    settings.stowTarget !== undefined ||
    settings.fold ||
    settings.dotfiles ||
    settings.stowIgnore.length + settings.stowDefer.length + settings.stowOverride.length > 0;

  let result: ImportResult;
  switch (kind) {
    case "stow":
      result = importStow(
        {
          cwd: settings.cwd,
          home: host.home,
          ...(settings.stowDir !== undefined ? { stowDir: settings.stowDir } : {}),
          ...(settings.stowTarget !== undefined ? { target: settings.stowTarget } : {}),
          packages: rest,
          fold: settings.fold,
          dotfiles: settings.dotfiles,
          ignore: settings.stowIgnore,
          defer: settings.stowDefer,
          override: settings.stowOverride,
          ...manifestDir,
          env: settings.env,
        },
        realFsRead,
      );
      break;
    case "dotbot":
      if (stowOnly) {
        throw new UserError(`-d, -t, --fold, --dotfiles, --ignore, --defer and --override apply to \`linkfarm import stow\` only\n${USAGE}`);
      }
      if (rest.length > 1) throw new UserError(`\`linkfarm import dotbot\` takes one FILE, got "${rest.join(" ")}"\n${USAGE}`);
      result = importDotbot(
        { file: path.resolve(settings.cwd, rest[0] ?? "install.conf.yaml"), home: host.home, ...manifestDir },
        realFsRead,
      );
      break;
    default:
      throw new UserError(kind === undefined ? USAGE : `unknown import source "${kind}"\n${USAGE}`);
  }

  const notes = dedupeNotes(result.notes);
  if (!result.ok) {
    io.stderr(formatNotes(notes, settings.cwd));
    return 1;
  }
  const text = emitManifest(result.manifest);
  if (outFile) {
    try {
      // "wx": refuse an existing file atomically.
      realFs.writeFileSync(outFile, text, { flag: "wx" });
    } catch (err) {
      const code = errnoCode(err);
      io.stderr(formatNotes(notes, settings.cwd));
      throw new UserError([
        diag(
          "io",
          code === "EEXIST"
            ? `${outFile} already exists; \`linkfarm import\` never overwrites a file (pass another -o FILE)`
            : `cannot write ${outFile}: ${code ?? String(err)}`,
        ),
      ]);
    }
  } else {
    io.stdout(text);
  }
  if (notes.length > 0 && !(settings.quiet && !anythingDropped(notes))) io.stderr(formatNotes(notes, settings.cwd));
  if (outFile && !settings.quiet) {
    io.stdout(`Wrote ${outFile} (${plural(result.manifest.links.length, "link", "links")}). Check it with \`linkfarm validate -c ${outFile}\`, then \`linkfarm plan\`.\n`);
  }
  return anythingDropped(notes) ? 1 : 0;
}
