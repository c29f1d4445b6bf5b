// linkfarm.config.{js,mjs,cjs}: imported, so the manifest is whatever the module exports.
// No source text means no line:col; problems name the file only.

import { pathToFileURL } from "node:url";
import { diag, type Diagnostic } from "../diagnostic.js";

// The bin (dist/cli.cjs) hands the CLI bundle its own import(): the bundle runs from a V8 code
// cache, where import() fails on Node 20 (scripts/build.mjs defines this; elsewhere, undefined).
declare const __LINKFARM_IMPORT__: ((specifier: string) => Promise<unknown>) | undefined;
const importModule = typeof __LINKFARM_IMPORT__ === "function" ? __LINKFARM_IMPORT__ : (specifier: string) => import(specifier);

export async function importJsConfig(
  file: string,
  version: string,
): Promise<{ value: unknown; diagnostics: Diagnostic[] }> {
  let mod: Record<string, unknown>;
  try {
    // The query string makes a changed file load afresh within one process (tests, watch modes).
    mod = (await importModule(`${pathToFileURL(file).href}?v=${version}`)) as Record<string, unknown>;
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { value: undefined, diagnostics: [diag("js-config", `cannot load the config module: ${message}`, { file })] };
  }
  const value = "default" in mod ? mod.default : mod;
  if (typeof value === "function") {
    return {
      value: undefined,
      diagnostics: [diag("js-config", "the config module must export the manifest object, not a function", { file })],
    };
  }
  return { value, diagnostics: [] };
}
