// `npm run demo`: plan, apply, then plan again on the repository's own linkfarm.yaml.
// Everything lands in .demo-home/ and .demo-state/ inside the repository, never in HOME.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, LINKFARM_STATE_DIR: join(root, ".demo-state") };
const cli = join(root, "dist", "cli.cjs");

function step(title, args) {
  process.stdout.write(`\n$ linkfarm ${args.join(" ")}    # ${title}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: "inherit" });
  return r.status ?? 1;
}

let failed = 0;
failed |= step("what would change", ["plan", "-c", "linkfarm.yaml"]) === 1 ? 1 : 0;
failed |= step("make it so", ["apply", "-c", "linkfarm.yaml"]);
failed |= step("again: nothing to do", ["apply", "-c", "linkfarm.yaml"]);
step("what linkfarm manages now", ["status", "-c", "linkfarm.yaml"]);
process.stdout.write(`\nThe links are in ${join(root, ".demo-home")} (try: ls -la .demo-home .demo-home/.local/bin)\n`);
process.exitCode = failed ? 1 : 0;
