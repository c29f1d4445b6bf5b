// Build: generate the precompiled manifest validator, bundle src/ into dist/ with esbuild (the
// library as ESM with lazily loaded chunks; the CLI as one CommonJS file, its heavy packages
// under dist/vendor/, and the bin that loads it), and emit type declarations with tsc.
import { build } from "esbuild";
import { readFileSync, rmSync, existsSync, chmodSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
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
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  define: { __LINKFARM_VERSION__: JSON.stringify(pkg.version) },
  // cosmiconfig's TypeScript loader is never used (we register our own loaders), but its
  // on-demand import would otherwise pull the whole compiler in.
  external: ["typescript"],
  legalComments: "none",
  logLevel: "warning",
};

// The library (dist/index.js): ESM, one file per entry plus lazily loaded chunks.
await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  outdir,
  splitting: true,
  format: "esm",
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __lfCreateRequire } from 'node:module'; const require = __lfCreateRequire(import.meta.url);",
  },
});

// The CLI: one CommonJS file (dist/cli-core.cjs) that the bin loads with a V8 code cache (see
// src/cli/bin.ts). The heavy packages that only paths off the common one use (a YAML manifest
// the fast parser declines, hooks, an upward manifest search, import) are each a CommonJS file
// of their own under dist/vendor/, required when first used: every start would otherwise
// parse (or deserialise) them. Nothing is resolved from node_modules at run time.
const VENDOR = ["yaml", "execa", "cosmiconfig"];
for (const name of VENDOR) {
  await build({
    ...common,
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: root, sourcefile: `vendor-${name}.js` },
    outfile: join(outdir, "vendor", `${name}.cjs`),
    format: "cjs",
  });
}
const vendorStubs = {
  name: "vendor-stubs",
  setup(b) {
    const filter = new RegExp(`^(${VENDOR.join("|")})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: "vendor-stub" }));
    b.onLoad({ filter: /.*/, namespace: "vendor-stub" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./vendor/${args.path}.cjs`)});`,
      loader: "js",
    }));
    b.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
  },
};
const coreFile = join(outdir, "cli-core.cjs");
await build({
  ...common,
  entryPoints: ["src/cli/main.ts"],
  outfile: coreFile,
  format: "cjs",
  plugins: [vendorStubs],
  // import.meta.url (createRequire in platform/host.ts) is this file's URL, as in ESM.
  // __lfImport: the bin's import() (see src/manifest/parse-js.ts), a parameter of its wrapper.
  define: { ...common.define, "import.meta.url": "__lfImportMetaUrl", __LINKFARM_IMPORT__: "__lfImport" },
  // One function expression with CommonJS's parameters plus the bin's import() (src/cli/bin.ts
  // runs it through vm.Script): the bin then hands V8 the file's text as it is.
  banner: {
    js: '(function (exports, require, module, __filename, __dirname, __lfImport) {"use strict";\nvar __lfImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  footer: { js: "})" },
});
// ASCII only (esbuild escapes strings and names; this catches comments): V8 then holds the
// source as a one-byte string, half the memory, and skips decoding UTF-8 into UTF-16.
const coreText = readFileSync(coreFile, "utf8").replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
writeFileSync(coreFile, coreText);
// The bin (dist/cli.cjs), told which core it belongs to: its code cache is keyed by this id.
await build({
  ...common,
  entryPoints: ["src/cli/bin.ts"],
  outfile: join(outdir, "cli.cjs"),
  format: "cjs",
  banner: { js: "#!/usr/bin/env node" },
  define: {
    ...common.define,
    __LINKFARM_CORE_ID__: JSON.stringify(`${pkg.version}-${createHash("sha256").update(coreText).digest("hex").slice(0, 16)}`),
    __LINKFARM_CORE_LENGTH__: String(coreText.length),
  },
});
chmodSync(join(outdir, "cli.cjs"), 0o755);
// dist/cli.js: the bin's old path, for scripts that run `node dist/cli.js` (it pays the ESM
// loader; the package's bin is dist/cli.cjs).
writeFileSync(
  join(outdir, "cli.js"),
  `#!/usr/bin/env node
// Kept for \`node dist/cli.js\`: the bin is ./cli.cjs (see scripts/build.mjs).
import { createRequire } from "node:module";
createRequire(import.meta.url)("./cli.cjs");
`,
);
chmodSync(join(outdir, "cli.js"), 0o755);

if (process.argv.includes("--no-types") || at > 0) process.exit(0);
execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
  stdio: "inherit",
  cwd: root,
});
