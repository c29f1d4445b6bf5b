// `status`: each link recorded in state, as it is now. Only what the health rule
// (plan/health.ts) needs: the target; for a symlink or junction whether it leads anywhere and,
// when it does not, the source path (lstat); for a hard link that is still a file, its source.

import type { FsRead } from "../platform/fs.js";
import type { State } from "../state/types.js";
import { probeNow, probeSourceNow } from "./probe.js";
import type { RecordedObservation } from "./types.js";

// One observation per state link, sorted by target.
export function observeRecorded(state: State, fs: FsRead): RecordedObservation[] {
  return Object.keys(state.links)
    .sort()
    .map((target) => {
      const e = state.links[target]!;
      const observed = probeNow(target, fs);
      if (e.type === "hardlink") {
        return observed.kind === "file" ? { target, observed, source: probeSourceNow(e.source, fs) } : { target, observed };
      }
      if (observed.kind !== "symlink") return { target, observed };
      let leads = true;
      try {
        fs.statSync(target);
      } catch {
        leads = false;
      }
      return leads ? { target, observed, leads } : { target, observed, leads, sourcePath: probeNow(e.source, fs) };
    });
}
