// Finds the manifest: `-c FILE`, or a cosmiconfig search from the working directory upward.
// cosmiconfig only finds the file: our loaders return a marker, and the caller parses the text
// itself (yaml keeps source positions; cosmiconfig's js-yaml would not).

import type { Loader } from "cosmiconfig";
import { diag, type Diagnostic } from "../diagnostic.js";
import { errnoCode, type FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { findInCwd } from "./discover-fast.js";

export type ConfigKind = "yaml" | "json" | "js" | "package-json";

export interface Discovered {
  /** Absolute path of the manifest file. */
  filepath: string;
  kind: ConfigKind;
}

/** Checked in this order in each directory, from the working directory upward. */
export const SEARCH_PLACES: readonly string[] = [
  "linkfarm.yaml",
  "linkfarm.yml",
  ".linkfarmrc",
  ".linkfarmrc.yaml",
  ".linkfarmrc.yml",
  ".linkfarmrc.json",
  ".config/linkfarmrc.yaml",
  ".config/linkfarmrc.yml",
  "linkfarm.config.js",
  "linkfarm.config.mjs",
  "linkfarm.config.cjs",
  "package.json",
];

const FOUND = { linkfarmFound: true } as const;

const marker: Loader = () => FOUND;

// package.json counts only when it has a `linkfarm` key. A broken package.json that mentions
// the key is still "found", so that its syntax error is reported rather than skipped.
const jsonLoader: Loader = (filepath, content) => {
  if (path.basename(filepath) !== "package.json") return FOUND;
  try {
    const pkg = JSON.parse(content) as Record<string, unknown> | null;
    return pkg && typeof pkg === "object" && "linkfarm" in pkg ? { linkfarm: FOUND } : {};
  } catch {
    return content.includes('"linkfarm"') ? { linkfarm: FOUND } : {};
  }
};

// How the file's text is read: package.json by its key, JS by import, the rest as YAML
// (`.linkfarmrc` without an extension may hold JSON, which is YAML too).
export function kindOf(filepath: string): ConfigKind {
  const base = path.basename(filepath);
  if (base === "package.json") return "package-json";
  const ext = path.extname(base).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs") return "js";
  return "yaml";
}

/** Directories from `cwd` up to `home` (inclusive) or, outside HOME, up to the file system root. */
function* upward(cwd: string, home: string): Generator<string> {
  let dir = cwd;
  for (;;) {
    yield dir;
    if (home && dir === home) return;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export interface DiscoverOptions {
  cwd: string;
  config?: string;
  home: string;
  fs: FsRead;
}

// {found} or {diagnostics}; never throws on user mistakes.
export async function discover(
  options: DiscoverOptions,
): Promise<{ found: Discovered; diagnostics?: undefined } | { found?: undefined; diagnostics: Diagnostic[] }> {
  const cwd = path.resolve(options.cwd);
  if (options.config !== undefined) {
    const filepath = path.resolve(cwd, options.config);
    try {
      if (options.fs.statSync(filepath).isDirectory()) {
        return { diagnostics: [diag("config-unreadable", `-c ${options.config}: ${filepath} is a directory, not a manifest file`)] };
      }
    } catch (err) {
      const code = errnoCode(err);
      const message =
        code === "ENOENT" || code === "ENOTDIR"
          ? `config file not found: ${filepath}`
          : `cannot read config file ${filepath}: ${code ?? String(err)}`;
      return { diagnostics: [diag(code === "ENOENT" || code === "ENOTDIR" ? "config-not-found" : "config-unreadable", message)] };
    }
    return { found: { filepath, kind: kindOf(filepath) } };
  }

  // Our own upward walk (searchStrategy "none" per directory) stops at the HOME we were given,
  // not os.homedir(), and skips cosmiconfig's global config directory, which it would locate
  // from the process environment rather than from the host facts passed in.
  // The usual case, a manifest right in the working directory, needs no cosmiconfig at all
  // (discover-fast.ts answers only when cosmiconfig certainly would answer the same).
  const quick = findInCwd(cwd, SEARCH_PLACES, options.fs, process.cwd());
  if (quick !== undefined) return { found: { filepath: quick, kind: kindOf(quick) } };
  // Loaded only when searching: `-c FILE` never pays for cosmiconfig's start-up.
  // (A CommonJS package: bundled, its exports arrive as `default`.)
  const mod = (await import("cosmiconfig")) as typeof import("cosmiconfig") & { default?: typeof import("cosmiconfig") };
  const cosmiconfig = mod.cosmiconfig ?? mod.default?.cosmiconfig;
  const explorer = cosmiconfig("linkfarm", {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: "none",
    ignoreEmptySearchPlaces: false,
    cache: false,
    loaders: {
      ".yaml": marker,
      ".yml": marker,
      noExt: marker,
      ".json": jsonLoader,
      ".js": marker,
      ".mjs": marker,
      ".cjs": marker,
    },
  });
  const home = options.home ? path.resolve(options.home) : "";
  try {
    for (const dir of upward(cwd, home)) {
      const result = await explorer.search(dir);
      if (!result) continue;
      // An empty package.json is not a manifest; an empty linkfarm.yaml is (and is reported).
      if (result.isEmpty && kindOf(result.filepath) === "package-json") continue;
      return { found: { filepath: result.filepath, kind: kindOf(result.filepath) } };
    }
  } catch (err) {
    const file = typeof err === "object" && err && "filepath" in err ? String(err.filepath) : undefined;
    const message = err instanceof Error ? err.message : String(err);
    return { diagnostics: [diag("config-unreadable", `cannot read the manifest: ${message}`, file ? { file } : undefined)] };
  }
  return { diagnostics: [notFound(cwd)] };
}

function notFound(cwd: string): Diagnostic {
  const names = SEARCH_PLACES.map((p) => (p === "package.json" ? "package.json (key `linkfarm`)" : p));
  return diag(
    "config-not-found",
    `no linkfarm manifest found in ${cwd} or any parent directory\n` +
      `Looked for: ${names.join(", ")}.\n` +
      "Run `linkfarm init` to write a starter linkfarm.yaml, or pass -c FILE.",
  );
}
