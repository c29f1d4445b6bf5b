// Build: generate the precompiled manifest validator, bundle src/ into dist/ with esbuild
// (one file per entry plus lazily loaded chunks), and emit type declarations with tsc.
import { build } from "esbuild";
import { readFileSync, rmSync, existsSync, chmodSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const gen = join(root, "scripts", "gen-validator.mjs");
if (existsSync(gen)) execFileSync(process.execPath, [gen], { stdio: "inherit", cwd: root });

// --outdir DIR: build somewhere else (benchmark experiments), JavaScript only.
const at = process.argv.indexOf("--outdir");
const outdir = at > 0 ? process.argv[at + 1] : join(root, "dist");
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __lfCreateRequire } from 'node:module'; const require = __lfCreateRequire(import.meta.url);",
  },
  define: { __LINKFARM_VERSION__: JSON.stringify(pkg.version) },
  // cosmiconfig's TypeScript loader is never used (we register our own loaders), but its
  // on-demand import would otherwise pull the whole compiler into a chunk every search loads.
  external: ["typescript"],
  legalComments: "none",
  logLevel: "warning",
});
chmodSync(join(outdir, "cli.js"), 0o755);

if (process.argv.includes("--no-types") || at > 0) process.exit(0);
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
  stdio: "inherit",
  cwd: root,
});
