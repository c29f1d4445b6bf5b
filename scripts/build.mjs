// Build: generate the precompiled manifest validator, bundle src/ into dist/ with esbuild
// (one file per entry plus lazily loaded chunks), write the bin shim, and emit type
// declarations with tsc.
import { build } from "esbuild";
import { readFileSync, rmSync, existsSync, chmodSync, writeFileSync } from "node:fs";
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
  entryPoints: { main: "src/cli/main.ts", index: "src/index.ts" },
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
// The bin (dist/cli.js) turns on Node's module compile cache before any of the CLI's modules
// load: V8's code for them is then read from disk instead of compiled at every start (Node >=
// 22.1; a no-op before). The cache lives where Node puts it by default, the OS temp dir
// (NODE_COMPILE_CACHE moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off): never in the
// package, and not in the state dir, which `plan` never creates. A V8 start-up snapshot is
// not an option: a shebang cannot pass --snapshot-blob portably, and Node 20 cannot build one
// from ESM.
writeFileSync(
  join(outdir, "cli.js"),
  `#!/usr/bin/env node
// linkfarm's bin: see scripts/build.mjs. The CLI itself is ./main.js.
import module from "node:module";
module.enableCompileCache?.();
await import("./main.js");
`,
);
chmodSync(join(outdir, "cli.js"), 0o755);

if (process.argv.includes("--no-types") || at > 0) process.exit(0);
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
  stdio: "inherit",
  cwd: root,
});
