// linkfarm's bin, built to dist/cli.cjs: CommonJS, since an ES module costs every start the ESM
// loader (about 6 ms). It runs the CLI bundle (dist/cli-core.cjs, one CommonJS file) through
// vm.Script with a V8 code cache written after the first run of each command, so that later
// runs deserialise the functions they use instead of parsing and compiling them (Node's own
// compile cache does not exist on Node 20 and holds no lazily compiled function). Where the
// cache lives and when it is used: compile-cache.ts; README.md → Performance.

import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { cacheDir, cacheDisabled, cacheFile, commandKey, dirState, readCache, readSource, writeCache } from "./compile-cache.js";

// Set by scripts/build.mjs: the core bundle's content hash and length in UTF-16 units.
declare const __LINKFARM_CORE_ID__: string;
declare const __LINKFARM_CORE_LENGTH__: number;

const core = path.join(__dirname, "cli-core.cjs");
// The bundle is one function expression (scripts/build.mjs wraps it): CommonJS's wrapper plus
// the one import() the bundle needs (the user's linkfarm.config.mjs), this file's, since
// import() in code from a V8 code cache fails on Node 20 (and vm.Script's
// importModuleDynamically option prints an ExperimentalWarning there).
const importModule = (specifier: string): Promise<unknown> => import(specifier);

function start(): void {
  const source = readSource(core);
  // Off, or the bundle changed since the build (its id would lie): compiled, no cache.
  const cached = !cacheDisabled(process.env) && source.length === __LINKFARM_CORE_LENGTH__;
  const uid = process.getuid?.();
  const dir = cacheDir(os.tmpdir(), uid);
  const state = cached ? dirState(dir, uid) : "unsafe";
  const file = cacheFile(dir, __LINKFARM_CORE_ID__, commandKey(process.argv.slice(2)));
  const cachedData = state === "usable" ? readCache(file) : undefined;
  const script = new vm.Script(source, { filename: core, cachedData });
  if (state !== "unsafe" && (cachedData === undefined || script.cachedDataRejected === true)) {
    // At exit, after the run: the cache then holds the functions the command compiled lazily.
    process.once("exit", () => writeCache(dir, file, uid, () => script.createCachedData()));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const mod = { exports: {} };
  wrapper.call(mod.exports, mod.exports, Module.createRequire(core), mod, core, __dirname, importModule);
}

start();
