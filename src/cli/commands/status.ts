// `linkfarm status`: the links linkfarm manages (from state) and their health now. Read-only:
// a journal left by a crashed apply is replayed in memory (loadBase), never written.

import { observeRecorded } from "../../observe/recorded.js";
import { linkHealth } from "../../plan/health.js";
import { realFsRead } from "../../platform/fs.js";
import { renderStatusJson } from "../../report/apply-json.js";
import { renderStatusText } from "../../report/apply-text.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { loadBase, printDiagnostics } from "../load-context.js";
import { narrowState } from "../../plan/select.js";
import { hostPlatform } from "../../platform/platform.js";
import { selectionLine } from "../../report/selection.js";
import { selectionFor } from "../selectors.js";

export async function runStatus(settings: Settings, io: IO): Promise<number> {
  const { host, manifest, sources, stateFile, state, warnings } = await loadBase(settings);
  printDiagnostics(io, warnings, sources, false);
  const sel = selectionFor(settings, host.home, { entries: manifest.links, state });
  const part = sel ? narrowState(state, sel, hostPlatform) : undefined;
  const shown = part?.state ?? state;
  const entries = linkHealth(shown, observeRecorded(shown, realFsRead), host.os);
  if (settings.format === "json") io.stdout(renderStatusJson(manifest.file, stateFile, entries, part?.selection));
  else io.stdout(renderStatusText(entries, { home: host.home, color: settings.color, quiet: settings.quiet }) +
      (settings.quiet ? "" : selectionLine(part?.selection)));
  return 0;
}
