// The npm package: `npm pack` holds only dist/, schema/, README.md, LICENSE (and package.json),
// with types for the library entry; the tarball installs OFFLINE into an empty directory and
// runs there as `npx linkfarm` and as `import ... from "linkfarm"`.
//
// The pack is made from a copy of what `npm pack --dry-run` selects in the repository (never
// the shared dist/, which other test files are running), with declarations emitted into the
// copy when dist/types is missing or older than the bundle.

import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { sandbox, tempRoot } from "../helpers/sandbox.js";

const NPM_ENV = {
  ...process.env,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_progress: "false",
};

let work: string;
let tarball: string;
let packed: string[];
let consumer: string;

// On Windows npm and npx are .cmd files, which run only through a shell: run npm's own scripts
// (installed beside node.exe) with this Node instead.
const NPM_SCRIPTS: Record<string, string> = { npm: "npm-cli.js", npx: "npx-cli.js" };
function command(cmd: string, args: string[]): [string, string[]] {
  const script = NPM_SCRIPTS[cmd];
  if (process.platform !== "win32" || script === undefined) return [cmd, args];
  return [process.execPath, [path.join(path.dirname(process.execPath), "node_modules", "npm", "bin", script), ...args]];
}

function sh(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const [file, argv] = command(cmd, args);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, argv, { ...opts, maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  work = tempRoot("linkfarm-pack-");
  // What `npm pack` would take from the repository (read-only there), copied into a stage.
  const dry = await sh("npm", ["pack", "--dry-run", "--json"], { cwd: REPO_ROOT, env: NPM_ENV });
  if (dry.code !== 0) throw new Error(`npm pack --dry-run failed:\n${dry.stderr}`);
  const stage = path.join(work, "stage");
  for (const f of (JSON.parse(dry.stdout)[0] as { files: { path: string }[] }).files) {
    fs.mkdirSync(path.dirname(path.join(stage, f.path)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f.path), path.join(stage, f.path));
  }
  const types = path.join(REPO_ROOT, "dist", "types", "index.d.ts");
  const fresh =
    fs.existsSync(types) && fs.statSync(types).mtimeMs >= fs.statSync(path.join(REPO_ROOT, "dist", "cli.cjs")).mtimeMs;
  if (!fresh) {
    // What `npm run build` does after bundling; into the copy. Exit code ignored: a type error
    // elsewhere still emits, and the consumer typecheck below is the real judge.
    await sh(process.execPath, [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--declarationDir", path.join(stage, "dist", "types")], { cwd: REPO_ROOT });
  }
  const pack = await sh("npm", ["pack", "--json", "--pack-destination", work], { cwd: stage, env: NPM_ENV });
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const info = JSON.parse(pack.stdout)[0] as { filename: string; files: { path: string }[] };
  tarball = path.join(work, info.filename);
  packed = info.files.map((f) => f.path).sort();

  consumer = path.join(work, "consumer");
  fs.mkdirSync(consumer);
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const install = await sh("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: consumer, env: NPM_ENV });
  if (install.code !== 0) {
    throw new Error(
      `npm install --offline of the tarball failed (are its runtime dependencies in the npm cache? ` +
        `dist/ is fully bundled, so package.json needs no runtime dependencies):\n${install.stderr}`,
    );
  }
}, 180_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("npm package", () => {
  it("holds only dist/, schema/, README.md, LICENSE and package.json, with library types", () => {
    const stray = packed.filter((p) => !/^(dist\/|schema\/|README\.md$|LICENSE$|package\.json$)/.test(p));
    expect(stray).toEqual([]);
    expect(packed).toEqual(
      expect.arrayContaining([
        "dist/cli.cjs",
        "dist/cli-core.cjs",
        "dist/cli.js",
        "dist/vendor/yaml.cjs",
        "dist/vendor/execa.cjs",
        "dist/vendor/cosmiconfig.cjs",
        "dist/index.js",
        "dist/types/index.d.ts",
        "schema/linkfarm.schema.json",
        "schema/plan.schema.json",
        "README.md",
        "LICENSE",
        "package.json",
      ]),
    );
    expect(packed.filter((p) => p.endsWith(".map"))).toEqual([]);
  });

  it("runs from the installed tarball: npx linkfarm --version and plan -c", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    const version = await sh("npx", ["--offline", "linkfarm", "--version"], { cwd: consumer, env: NPM_ENV });
    expect(version).toMatchObject({ code: 0, stdout: `linkfarm ${pkg.version}\n` });

    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - source: bashrc\n    target: .bashrc\n", "repo/bashrc": "A=1\n" });
    const env = { ...NPM_ENV, HOME: sb.home, LINKFARM_STATE_DIR: sb.stateDir, npm_config_cache: path.join(os.homedir(), ".npm") };
    const plan = await sh("npx", ["--offline", "linkfarm", "plan", "-c", sb.p("repo/linkfarm.yaml"), "--json"], { cwd: consumer, env });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).summary).toMatchObject({ create: 1 });
    expect(sb.exists("home/.bashrc")).toBe(false);
  });

  it("the bin is the CommonJS dist/cli.cjs; its heavy packages load from dist/vendor/, never from node_modules", async () => {
    const installed = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", "linkfarm", "package.json"), "utf8"));
    expect(installed.bin).toEqual({ linkfarm: "dist/cli.cjs" });
    // The consumer has no yaml, cosmiconfig or execa: only the tarball's dist/ can answer.
    for (const dep of ["yaml", "cosmiconfig", "execa"]) expect(fs.existsSync(path.join(consumer, "node_modules", dep))).toBe(false);
    const sb = sandbox({
      // an anchor and an alias: outside the fast reader's subset, so the full `yaml` parser runs
      "repo/linkfarm.yaml": "version: 1\nlinks:\n  - &one { source: bashrc, target: .bashrc }\n",
      "repo/bashrc": "A=1\n",
      "repo/sub/notes": "",
      "js/linkfarm.config.mjs": "export default { version: 1, links: [{ source: 'vimrc', target: '.vimrc' }] };\n",
      "js/vimrc": "set nu\n",
      "hooked/linkfarm.yaml": "version: 1\nhooks:\n  after: [\"echo hooked > hook-ran\"]\nlinks:\n  - source: zshrc\n    target: .zshrc\n",
      "hooked/zshrc": "Z=1\n",
    });
    const env = { ...sb.env };
    // the installed bin, run from the farms' directories (npx would look for a package there)
    const bin = path.join(consumer, "node_modules", "linkfarm", installed.bin.linkfarm);
    const lf = (cwd: string, ...args: string[]) => sh(process.execPath, [bin, ...args], { cwd, env });
    // `plan` in a subdirectory of the manifest's: an upward search (cosmiconfig), then `yaml`
    const yaml = await lf(sb.p("repo/sub"), "plan", "--json");
    expect(yaml.stderr).toBe("");
    expect(JSON.parse(yaml.stdout).summary).toMatchObject({ create: 1 });
    const js = await lf(sb.p("js"), "plan", "--json");
    expect(js.stderr).toBe("");
    expect(JSON.parse(js.stdout).summary).toMatchObject({ create: 1 });
    const hooked = await lf(sb.p("hooked"), "apply");
    expect(hooked.code).toBe(0);
    expect(sb.read("hooked/hook-ran")).toBe("hooked\n");
  });

  it("ships the JSON Schemas that init's header points editors at", () => {
    const dir = path.join(consumer, "node_modules", "linkfarm", "schema");
    for (const f of ["linkfarm.schema.json", "plan.schema.json"]) {
      expect(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).$schema).toMatch(/2020-12/);
    }
  });

  it("the library entry: import { loadManifest, observe, plan, apply } from \"linkfarm\" drives a sandbox", async () => {
    const sb = sandbox({ "repo/linkfarm.yaml": "version: 1\nlinks:\n  - source: bashrc\n    target: .bashrc\n", "repo/bashrc": "A=1\n" });
    const script = path.join(consumer, "drive.mjs");
    fs.writeFileSync(
      script,
      `import * as lf from "linkfarm";
const { loadManifest, observe, plan, apply, readHostFacts, realFs, realFsRead, readState, stateFilePath, renderJson } = lf;
const host = readHostFacts(process.env);
const loaded = await loadManifest({ cwd: process.argv[2], host });
const manifest = loaded.manifest;
const stateFile = stateFilePath(manifest.file, host);
const { state } = readState(stateFile, manifest.file, realFsRead);
const observed = observe(manifest, state, { fs: realFsRead, host });
const p = plan(manifest, observed.observation, state, { platform: host.os });
const result = await apply(p, { fs: realFs, state, stateFile, manifestDir: manifest.dir, hooks: manifest.hooks, platform: host.os });
console.log(JSON.stringify({ summary: JSON.parse(renderJson(p)).summary, ok: result.ok, changed: result.changed }));
`,
    );
    const r = await sh(process.execPath, [script, sb.p("repo")], { cwd: consumer, env: { ...sb.env } });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { create: 1 }, ok: true, changed: true });
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("repo/bashrc"));
  });

  it("the library's types resolve for a TypeScript consumer", () => {
    fs.writeFileSync(
      path.join(consumer, "use.ts"),
      `import { loadManifest, observe, plan, apply, type Plan, type Manifest } from "linkfarm";
export type Api = [typeof loadManifest, typeof observe, typeof plan, typeof apply, Plan, Manifest];
`,
    );
    fs.writeFileSync(
      path.join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"], typeRoots: [path.join(REPO_ROOT, "node_modules/@types")] },
        files: ["use.ts"],
      }),
    );
    const tsc = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
    let out = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer, encoding: "utf8" });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out).toBe("");
  });
});
