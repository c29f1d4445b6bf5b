// Replaced at build time by esbuild's `define`; the fallback serves tests run from src/.
declare const __LINKFARM_VERSION__: string | undefined;
export const VERSION: string =
  typeof __LINKFARM_VERSION__ === "string" ? __LINKFARM_VERSION__ : "0.0.0-dev";
