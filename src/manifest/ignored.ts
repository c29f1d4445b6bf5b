// When a directory holds several manifests (`linkfarm.yaml`, `.linkfarmrc`, `package.json` with
// a `linkfarm` key, ...), discovery takes the first in SEARCH_PLACES order. Say which one was
// used and which were ignored: a warning, informational (hidden by -q).

import { type Diagnostic } from "../diagnostic.js";
import type { FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { SEARCH_PLACES } from "./discover.js";

function isManifest(file: string, place: string, fs: FsRead): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (place !== "package.json") return true;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
    return typeof pkg === "object" && pkg !== null && "linkfarm" in pkg;
  } catch {
    return false;
  }
}

/** The other manifests beside the one discovery found, in search order (names as searched). */
export function otherManifests(found: string, fs: FsRead): string[] {
  const place = SEARCH_PLACES.find((p) => found === p || found.endsWith(path.sep + p.split("/").join(path.sep)));
  if (place === undefined) return [];
  const dir = found.slice(0, found.length - place.length - 1);
  return SEARCH_PLACES.filter((p) => p !== place && isManifest(path.join(dir, p), p, fs));
}

export function ignoredManifestsWarning(found: string, others: readonly string[]): Diagnostic {
  const names = others.map((p) => (p === "package.json" ? "package.json#linkfarm" : p));
  return {
    code: "config-ignored",
    severity: "warning",
    file: found,
    message: `this manifest is used; ignored beside it: ${names.join(", ")} (pass -c FILE to use another)`,
  };
}
