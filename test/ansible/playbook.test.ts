// examples/ansible/: the playbook and role against a sandbox HOME, with `-i localhost, -c local`.
// Four runs: --check on a new machine (changed, nothing touched), apply (changed), apply again
// (ok), and --check after a link was deleted (changed, still deleted). linkfarm is installed
// from a tarball packed from this repository, offline.

import { execFile, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { posixOnly } from "../helpers/posix.js";
import { sandbox, snapshotTree } from "../helpers/sandbox.js";

const HAS_ANSIBLE =
  !posixOnly("Ansible runs its control node on POSIX only") && spawnSync("sh", ["-c", "command -v ansible-playbook && command -v git"]).status === 0;
if (!HAS_ANSIBLE && process.platform !== "win32") {
  console.warn(
    "\n*** SKIPPED: ansible-playbook (or git) is not installed, so examples/ansible is NOT tested. ***\n" +
      "*** Install it with: apt-get install -y ansible-core   (.ci/run should do this)        ***\n",
  );
}

const PLAYBOOK = path.join(REPO_ROOT, "examples/ansible/playbook.yml");

function sh(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(cmd, args, { ...opts, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

// `npm pack` of what the package would hold (the files `npm pack --dry-run` selects).
async function packTarball(dir: string): Promise<string> {
  const dry = await sh("npm", ["pack", "--dry-run", "--json"], { cwd: REPO_ROOT, env: process.env });
  const stage = path.join(dir, "stage");
  for (const f of (JSON.parse(dry.stdout)[0] as { files: { path: string }[] }).files) {
    fs.mkdirSync(path.dirname(path.join(stage, f.path)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f.path), path.join(stage, f.path));
  }
  const pack = await sh("npm", ["pack", "--json", "--pack-destination", dir], { cwd: stage, env: process.env });
  if (pack.code !== 0) throw new Error(pack.stderr);
  return path.join(dir, (JSON.parse(pack.stdout)[0] as { filename: string }).filename);
}

// The recap line's counters for localhost.
function recap(stdout: string): Record<string, number> {
  const line = stdout.split("\n").find((l) => /^localhost\s+:/.test(l));
  if (!line) throw new Error(`no PLAY RECAP in:\n${stdout}`);
  return Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

describe.skipIf(!HAS_ANSIBLE)("examples/ansible", () => {
  it("check mode reports changed without touching disk; apply is changed, then ok", async () => {
    const sb = sandbox({
      "origin/linkfarm.yaml": "version: 1\nlinks:\n  - { source: bashrc, target: .bashrc }\n  - { source: git/config, target: .config/git/config }\n",
      "origin/bashrc": "A=1\n",
      "origin/git/config": "[user]\n",
    });
    const gitEnv = { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e", GIT_CONFIG_NOSYSTEM: "1" };
    for (const args of [["init", "--quiet", "--initial-branch=main"], ["add", "-A"], ["commit", "--quiet", "-m", "dotfiles"]]) {
      expect((await sh("git", args, { cwd: sb.p("origin"), env: { ...sb.env, ...gitEnv } })).code).toBe(0);
    }
    const tarball = await packTarball(sb.p("pack"));

    const env: NodeJS.ProcessEnv = {
      ...sb.env,
      ...gitEnv,
      // Ansible's own files stay out of HOME, so that "nothing touched" can be checked there.
      ANSIBLE_HOME: sb.p("ansible/home"),
      ANSIBLE_LOCAL_TEMP: sb.p("ansible/tmp"),
      ANSIBLE_REMOTE_TEMP: sb.p("ansible/tmp"),
      ANSIBLE_NOCOLOR: "1",
      ANSIBLE_RETRY_FILES_ENABLED: "0",
      ANSIBLE_ROLES_PATH: path.join(REPO_ROOT, "examples/ansible/roles"),
      // The tarball's install reads its dependencies from the npm cache (offline).
      npm_config_cache: path.join(os.homedir(), ".npm"),
      npm_config_offline: "true",
      npm_config_update_notifier: "false",
    };
    const vars = JSON.stringify({
      ansible_python_interpreter: "/usr/bin/python3",
      linkfarm_install: "tarball",
      linkfarm_tarball: tarball,
      linkfarm_prefix: sb.p("prefix"),
      linkfarm_repo: sb.p("origin"),
      linkfarm_version: "main",
    });
    const play = async (...extra: string[]) => {
      const r = await sh("ansible-playbook", ["-i", "localhost,", "-c", "local", PLAYBOOK, "-e", vars, ...extra], { cwd: sb.root, env });
      if (r.code !== 0) throw new Error(`ansible-playbook ${extra.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
      return recap(r.stdout);
    };
    const disk = () => ({ home: snapshotTree(sb.home), prefix: sb.exists("prefix"), state: sb.exists("state") });

    // 1. --check on a new machine: would install, clone and link; touches nothing.
    const fresh = disk();
    expect((await play("--check")).changed).toBeGreaterThan(0);
    expect(disk()).toEqual(fresh);
    expect(sb.exists("home/dotfiles")).toBe(false);

    // 2. apply: installs linkfarm, clones, links; changed.
    expect((await play()).changed).toBeGreaterThan(0);
    expect(sb.readlink("home/.bashrc")).toBe(sb.p("home/dotfiles/bashrc"));
    expect(sb.readlink("home/.config/git/config")).toBe(sb.p("home/dotfiles/git/config"));

    // 3. again: nothing to do.
    expect(await play()).toMatchObject({ changed: 0, failed: 0 });

    // 4. drift, then --check: changed (from `linkfarm plan --json`), and the link stays missing.
    fs.unlinkSync(sb.p("home/.bashrc"));
    const drifted = disk();
    expect((await play("--check")).changed).toBe(1);
    expect(disk()).toEqual(drifted);
  }, 300_000);
});
