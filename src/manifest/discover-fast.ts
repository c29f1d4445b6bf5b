// The common case of discovery without loading cosmiconfig (its start-up costs more than the
// rest of a small `plan`): a manifest in the working directory itself. Answers only when the
// answer is certainly cosmiconfig's; anything unusual returns undefined and the caller runs the
// real cosmiconfig search, which then decides exactly as before.

import type { FsRead } from "../platform/fs.js";
import { errnoCode } from "../platform/fs.js";
import { path } from "../platform/paths.js";

/**
 * cosmiconfig's own meta-configuration places (in process.cwd()): a `cosmiconfig` key there can
 * add search places, so when any of these might apply the fast path steps aside.
 */
const META_PLACES = [
  "package.json",
  "package.yaml",
  ".config/config.json",
  ".config/config.yaml",
  ".config/config.yml",
  ".config/config.js",
  ".config/config.ts",
  ".config/config.cjs",
  ".config/config.mjs",
];

type Probe = "absent" | "file" | "unsure";

// What is at `p`: nothing (ENOENT, ENOTDIR), a regular file, or anything else ("unsure").
function probe(p: string, fs: FsRead): Probe {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return "absent";
    return st.isFile() ? "file" : "unsure";
  } catch (err) {
    const code = errnoCode(err);
    return code === "ENOENT" || code === "ENOTDIR" ? "absent" : "unsure";
  }
}

// True when cosmiconfig's meta configuration certainly changes nothing: no meta file at all,
// or only a package.json that parses and has no `cosmiconfig` key.
function noMetaConfig(processCwd: string, fs: FsRead): boolean {
  for (const place of META_PLACES) {
    const p = path.join(processCwd, place);
    const what = probe(p, fs);
    if (what === "absent") continue;
    if (what === "unsure" || place !== "package.json") return false;
    try {
      const pkg = JSON.parse(fs.readFileSync(p, "utf8")) as unknown;
      if (typeof pkg !== "object" || pkg === null || "cosmiconfig" in pkg) return false;
    } catch {
      return false;
    }
  }
  return true;
}

// The manifest cosmiconfig would find in `cwd` itself, or undefined ("ask cosmiconfig").
// `places` are the search places in order; package.json (a key to inspect) is left to cosmiconfig.
export function findInCwd(
  cwd: string,
  places: readonly string[],
  fs: FsRead,
  processCwd: string,
): string | undefined {
  if (!noMetaConfig(processCwd, fs)) return undefined;
  for (const place of places) {
    const p = path.join(cwd, place);
    const what = probe(p, fs);
    if (what === "absent") continue;
    if (what === "unsure" || place === "package.json") return undefined;
    // cosmiconfig reads the file and skips it when that fails (EACCES): read it the same way.
    try {
      fs.readFileSync(p);
    } catch {
      return undefined;
    }
    return p;
  }
  return undefined;
}
