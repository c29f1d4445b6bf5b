// The read-only half of the state file: where it lives and what it says. A missing file means
// "nothing made yet"; anything unreadable or malformed is a `state-corrupt` diagnostic that
// names the file, so ownership is never silently reset. (apply/ writes it.)

import { diag, type Diagnostic } from "../diagnostic.js";
import { isRecord } from "../is-record.js";
import { LINK_TYPES, type HostFacts } from "../manifest/types.js";
import { errnoCode, type FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { sha256Hex } from "../platform/sha256.js";
import { STATE_FORMAT_VERSION, emptyState, type State } from "./types.js";

// --state FILE, else $LINKFARM_STATE_DIR, $XDG_STATE_HOME/linkfarm, ~/.local/state/linkfarm;
// the name ties the file to one manifest: `<manifest dir name>-<sha256(manifest path)[:12]>.json`.
export function stateFilePath(manifestFile: string, host: HostFacts, override?: string): string {
  if (override) return path.resolve(override);
  const env = host.env;
  const dir = env.LINKFARM_STATE_DIR
    ? env.LINKFARM_STATE_DIR
    : env.XDG_STATE_HOME
      ? path.join(env.XDG_STATE_HOME, "linkfarm")
      : path.join(host.home, ".local", "state", "linkfarm");
  const abs = path.resolve(manifestFile);
  const hash = sha256Hex(abs).slice(0, 12);
  const name = path.basename(path.dirname(abs)) || "root";
  return path.join(path.resolve(dir), `${name}-${hash}.json`);
}

export type ReadStateResult = { state: State } | { diagnostics: Diagnostic[] };

// Missing → emptyState; unreadable → `state-unreadable`; bad JSON or shape → `state-corrupt`.
export function readState(file: string, manifestFile: string, fs: FsRead): ReadStateResult {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT") return { state: emptyState(manifestFile) };
    return {
      diagnostics: [
        diag("state-unreadable", `cannot read the state file ${file}: ${code ?? String(err)}`, { file }),
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { diagnostics: [corrupt(file, `it is not valid JSON (${why})`)] };
  }
  const problem = shapeProblem(data);
  if (problem) return { diagnostics: [corrupt(file, problem)] };
  return { state: data as State };
}

function corrupt(file: string, what: string): Diagnostic {
  return diag(
    "state-corrupt",
    `the state file ${file} is corrupt: ${what}; fix or remove it (removing it forgets which links linkfarm made)`,
    { file },
  );
}

const optional = (v: unknown, type: "string" | "number") => v === undefined || typeof v === type;

// The first thing wrong with the document's shape, as a phrase, or undefined when it is a State.
function shapeProblem(data: unknown): string | undefined {
  if (!isRecord(data)) return "the top level is not an object";
  if (data.formatVersion !== STATE_FORMAT_VERSION)
    return `formatVersion is ${JSON.stringify(data.formatVersion)}, expected ${STATE_FORMAT_VERSION}`;
  if (typeof data.manifest !== "string") return `"manifest" is not a string`;
  if (!isRecord(data.links)) return `"links" is not an object`;
  for (const [target, link] of Object.entries(data.links)) {
    const at = `links[${JSON.stringify(target)}]`;
    if (!isRecord(link)) return `${at} is not an object`;
    if (!LINK_TYPES.includes(link.type as never)) return `${at}.type is not symlink, hardlink or junction`;
    if (typeof link.source !== "string") return `${at}.source is not a string`;
    if (!optional(link.linkText, "string")) return `${at}.linkText is not a string`;
    if (!optional(link.dev, "number") || !optional(link.ino, "number"))
      return `${at}.dev/ino are not numbers`;
    if (!optional(link.madeAt, "string")) return `${at}.madeAt is not a string`;
    if (!optional(link.name, "string")) return `${at}.name is not a string`;
  }
  if (!Array.isArray(data.dirs)) return `"dirs" is not an array`;
  if (data.dirs.some((d) => typeof d !== "string")) return `"dirs" holds something that is not a path`;
  if (!Array.isArray(data.backups)) return `"backups" is not an array`;
  for (const [i, b] of data.backups.entries()) {
    if (!isRecord(b) || typeof b.target !== "string" || typeof b.backup !== "string")
      return `backups[${i}] needs "target" and "backup" paths`;
    if (!optional(b.at, "string")) return `backups[${i}].at is not a string`;
    if (!optional(b.link, "string")) return `backups[${i}].link is not a string`;
  }
  return undefined;
}
