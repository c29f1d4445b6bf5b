// Thin shell: discover → parse → validate → rules → resolve.
// CONTRACT (implemented by the manifest work):
//   loadManifest({cwd, config?, host}) → { manifest, diagnostics } when valid (diagnostics may hold
//   warnings), or { diagnostics } with at least one error. Never throws on user mistakes.

import type { Diagnostic } from "../diagnostic.js";
import type { HostFacts, Manifest } from "./types.js";

export interface LoadOptions {
  /** Directory to search upward from. */
  cwd: string;
  /** -c FILE: use this file instead of searching. */
  config?: string;
  host: HostFacts;
}

export type LoadResult =
  | { manifest: Manifest; diagnostics: Diagnostic[]; sources: Map<string, string> }
  | { manifest?: undefined; diagnostics: Diagnostic[]; sources: Map<string, string> };

export async function loadManifest(_options: LoadOptions): Promise<LoadResult> {
  throw new Error("loadManifest: not implemented yet");
}
