// Runs once before all test files: build dist/ (and the generated validator) when it is
// missing or older than src/ or schema/, so that no two test files rebuild it at the same time.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  const bin = path.join(root, "dist", "cli.cjs");
  const sources = Math.max(
    newestMtime(path.join(root, "src")),
    newestMtime(path.join(root, "schema")),
    fs.statSync(path.join(root, "scripts", "build.mjs")).mtimeMs,
  );
  if (!fs.existsSync(bin) || fs.statSync(bin).mtimeMs < sources) {
    execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--no-types"], {
      cwd: root,
      stdio: "inherit",
    });
  }
}
