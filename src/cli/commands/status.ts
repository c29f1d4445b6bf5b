// `linkfarm status`: the links linkfarm manages (from state) and their health now. Read-only:
// a journal left by a crashed apply is replayed in memory, never written.

import { hasErrors } from "../../diagnostic.js";
import { linkHealth } from "../../apply/health.js";
import { readJournal, replayJournal } from "../../apply/journal.js";
import { loadManifest } from "../../manifest/load.js";
import { realFsRead } from "../../platform/fs.js";
import { readHostFacts } from "../../platform/host.js";
import { path } from "../../platform/paths.js";
import { renderStatusJson } from "../../report/apply-json.js";
import { renderStatusText } from "../../report/apply-text.js";
import { readState, stateFilePath } from "../../state/read.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { ContextError, printDiagnostics, withContextErrors } from "../load-context.js";

export async function runStatus(settings: Settings, io: IO): Promise<number> {
  return withContextErrors(io, settings, async () => {
    const host = readHostFacts(settings.env);
    const config = settings.config !== undefined ? path.resolve(settings.cwd, settings.config) : undefined;
    const loaded = await loadManifest({ cwd: settings.cwd, host, ...(config !== undefined ? { config } : {}) });
    if (!loaded.manifest || hasErrors(loaded.diagnostics)) throw new ContextError(loaded.diagnostics, loaded.sources);
    printDiagnostics(io, loaded.diagnostics, loaded.sources, false);
    const manifest = loaded.manifest;
    const override = settings.state !== undefined ? path.resolve(settings.cwd, settings.state) : undefined;
    const stateFile = stateFilePath(manifest.file, host, override);
    const read = readState(stateFile, manifest.file, realFsRead);
    if ("diagnostics" in read) throw new ContextError(read.diagnostics, loaded.sources);
    const state = replayJournal(read.state, readJournal(stateFile, realFsRead));
    const entries = linkHealth(state, realFsRead);
    if (settings.format === "json") io.stdout(renderStatusJson(manifest.file, stateFile, entries));
    else io.stdout(renderStatusText(entries, { home: host.home, color: settings.color }));
    return 0;
  });
}
