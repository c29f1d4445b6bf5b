// `linkfarm status`: the links linkfarm manages (from state) and their health now. Read-only:
// a journal left by a crashed apply is replayed in memory (loadBase), never written.

import { observeRecorded } from "../../observe/recorded.js";
import type { CacheUse } from "../../observe/verdict-cache.js";
import { allInPlace, linkHealth, type HealthEntry } from "../../plan/health.js";
import { cachedVerdict } from "../../pipeline/verdict.js";
import { realFsRead } from "../../platform/fs.js";
import { renderStatusJson } from "../../report/apply-json.js";
import { renderStatusText } from "../../report/apply-text.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";
import { loadBase, printDiagnostics, type BaseContext } from "../load-context.js";
import { narrowState } from "../../plan/select.js";
import { hostPlatform } from "../../platform/platform.js";
import { selectionLine } from "../../report/selection.js";
import { selectionFor } from "../selectors.js";

// Every state link ok, from the verdict cache (all links in place, each a symlink or junction to
// a plain file or directory: nothing status looks at can differ); else why not.
function fromVerdict(settings: Settings, base: BaseContext): { entries: HealthEntry[] } | { why: string } {
  if (settings.selectors.length > 0) return { why: "selectors given" };
  const { manifest, host, stateFile } = base;
  const v = cachedVerdict({ fs: realFsRead, stateFile, manifest, host, conflict: settings.conflict }, settings.cache);
  if (!("links" in v)) return v;
  if (!v.plainSymlinks) return { why: "hard links or symlinked sources: looked at each link" };
  return { entries: allInPlace(base.state) };
}

export async function runStatus(settings: Settings, io: IO): Promise<number> {
  const base = await loadBase(settings);
  const { host, manifest, sources, stateFile, state, warnings } = base;
  printDiagnostics(io, warnings, sources, false);
  const cached = fromVerdict(settings, base);
  const cache: CacheUse = "entries" in cached ? { used: true } : { used: false, why: cached.why };
  const sel = selectionFor(settings, host.home, { entries: manifest.links, state });
  const part = sel ? narrowState(state, sel, hostPlatform) : undefined;
  const shown = part?.state ?? state;
  const entries = "entries" in cached ? cached.entries : linkHealth(shown, observeRecorded(shown, realFsRead), host.os);
  if (settings.format === "json") io.stdout(renderStatusJson(manifest.file, stateFile, entries, part?.selection, cache));
  else io.stdout(renderStatusText(entries, { home: host.home, color: settings.color, quiet: settings.quiet }) +
      (settings.quiet ? "" : selectionLine(part?.selection)));
  return 0;
}
