// `when` is declarative and evaluated against HostFacts only (never the live environment), so
// the same manifest on the same facts always gives the same answer.

import picomatch from "picomatch";
import type { HostFacts, When } from "./types.js";

// bash: a single `*` crosses `/` (env values are not paths); dot: `.` is not special here.
const matchers = new Map<string, (s: string) => boolean>();
function matcher(glob: string): (s: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    m = picomatch(glob, { bash: true, dot: true });
    matchers.set(glob, m);
  }
  return m;
}

// True when every present clause holds: os in the list; host matches one glob; every env
// variable is set, non-empty and matches its glob ("*" meaning just "set and non-empty").
export function whenHolds(when: When | undefined, host: HostFacts): boolean {
  if (!when) return true;
  if (when.os && !when.os.includes(host.os)) return false;
  if (when.host && !when.host.some((g) => matcher(g)(host.hostname))) return false;
  if (when.env) {
    for (const [name, glob] of Object.entries(when.env)) {
      const value = host.env[name];
      if (value === undefined || value === "") return false;
      if (glob !== "*" && !matcher(glob)(value)) return false;
    }
  }
  return true;
}
