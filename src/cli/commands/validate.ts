// `linkfarm validate`: load the manifest and report every problem, or "valid, N links".

import { hasErrors, needsUser } from "../../diagnostic.js";
import { loadManifest } from "../../manifest/load.js";
import { readHostFacts } from "../../platform/host.js";
import { isInside, path } from "../../platform/paths.js";
import { formatDiagnostics } from "../../report/diagnostics.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

export async function runValidate(settings: Settings, io: IO): Promise<number> {
  const host = readHostFacts(settings.env);
  const result = await loadManifest({
    cwd: settings.cwd,
    host,
    ...(settings.config !== undefined ? { config: settings.config } : {}),
  });
  const valid = !hasErrors(result.diagnostics);
  const file = result.manifest?.file ?? result.file;

  if (settings.format === "json") {
    const doc = {
      valid,
      file: file ?? null,
      links: result.manifest ? result.manifest.links.length : null,
      diagnostics: result.diagnostics,
    };
    io.stdout(JSON.stringify(doc, null, 2) + "\n");
    return valid ? 0 : 1;
  }

  const printed = result.diagnostics.filter((d) => !settings.quiet || needsUser(d));
  if (printed.length > 0) {
    io.stderr(formatDiagnostics(printed, { color: settings.color, sources: result.sources, cwd: settings.cwd }));
  }
  if (!result.manifest) return 1;
  if (!settings.quiet) {
    const n = result.manifest.links.length;
    const shown = isInside(result.manifest.file, settings.cwd)
      ? path.relative(settings.cwd, result.manifest.file)
      : result.manifest.file;
    io.stdout(`${shown}: valid, ${n} link${n === 1 ? "" : "s"}.\n`);
  }
  return 0;
}
