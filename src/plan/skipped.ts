// The manifest entries that make no link on this machine on purpose, and why: a `when` that
// does not hold here, or an `optional` entry whose source is missing. Pure: what -v shows.

import type { HostFacts, LinkEntry, Manifest, When } from "../manifest/types.js";
import type { DesiredLink } from "../observe/types.js";
import { whenHolds } from "../manifest/when.js";

export interface SkippedEntry {
  entry: LinkEntry;
  reasonCode: "when-false" | "optional-missing";
  reason: string;
}

export function skippedEntries(manifest: Manifest, desired: readonly DesiredLink[], host: HostFacts): SkippedEntry[] {
  const linked = new Set(desired.map((d) => d.entry));
  const out: SkippedEntry[] = [];
  for (const entry of manifest.links) {
    if (linked.has(entry.index)) continue;
    if (!whenHolds(entry.when, host)) {
      out.push({ entry, reasonCode: "when-false", reason: whenWhy(entry.when!, host) });
    } else if (entry.optional) {
      const what = entry.sourceIsGlob ? `source ${entry.source} matches nothing` : `source ${entry.source} is missing`;
      out.push({ entry, reasonCode: "optional-missing", reason: `optional: ${what}` });
    }
  }
  return out;
}

// The first clause of `when` that does not hold, in words.
function whenWhy(when: When, host: HostFacts): string {
  if (when.os && !whenHolds({ os: when.os }, host)) return `when: os is ${when.os.join(" or ")}; this machine is ${host.os}`;
  if (when.host && !whenHolds({ host: when.host }, host)) {
    return `when: host matches ${when.host.join(" or ")}; this host is ${host.hostname}`;
  }
  for (const [name, glob] of Object.entries(when.env ?? {})) {
    if (whenHolds({ env: { [name]: glob } }, host)) continue;
    const value = host.env[name];
    if (value === undefined || value === "") return `when: env ${name} must be set and non-empty; it is ${value === undefined ? "unset" : "empty"}`;
    return `when: env ${name} must match ${glob}; it is ${JSON.stringify(value)}`;
  }
  return "when: does not hold here";
}
