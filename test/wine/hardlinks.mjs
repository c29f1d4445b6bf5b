// What Wine does faithfully: hard links, and Windows paths. linkfarm's real CLI under the real
// win32 Node, on a hard-link manifest in a Windows profile folder (%USERPROFILE% layout: AppData,
// Documents, Desktop), with backslashes, forward slashes, mixed case and drive letters. Every
// step checks the exit code and the disk, from the Linux side too (inode, link count).

import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assert, cli, exitCode, json, missing, sameFile, sandbox, Scenario, stateIn } from "./steps.mjs";

const PROFILE = "users/LinkFarmUser";

const manifest = (all) => `version: 1
target: \${LF_PROFILE}
defaults:
  type: hardlink
links:
  - source: git\\gitconfig
    target: .gitconfig
  - source: bin
    target: AppData\\Local\\Programs\\bin
    tree: true
  - source: powershell/profile.ps1
    target: Documents\\PowerShell\\Microsoft.PowerShell_profile.ps1
${all ? `  - source: c:\\users\\linkfarmuser\\DOTFILES\\vim\\_vimrc
    target: C:/Users/LinkFarmUser/_vimrc
  - source: notes\\todo.txt
    target: Desktop\\todo.txt
` : ""}`;

// [source, target] relative to the profile folder, as Linux sees them.
const PAIRS = [
  ["dotfiles/git/gitconfig", ".gitconfig"],
  ["dotfiles/bin/tool.cmd", "AppData/Local/Programs/bin/tool.cmd"],
  ["dotfiles/bin/sub/helper.ps1", "AppData/Local/Programs/bin/sub/helper.ps1"],
  ["dotfiles/powershell/profile.ps1", "Documents/PowerShell/Microsoft.PowerShell_profile.ps1"],
  ["dotfiles/vim/_vimrc", "_vimrc"],
  ["dotfiles/notes/todo.txt", "Desktop/todo.txt"],
];

export function hardLinkScenario(w, bin) {
  const s = new Scenario("hard links and Windows paths", [
    "win32 node.exe runs linkfarm's CLI: validate, plan (--json, --detailed-exitcode), plan --out + apply PLANFILE, apply (idempotent), status, unlink",
    "hard links: same inode and link count seen from Linux; diverged after an editor-style save; --conflict backup keeps the bytes",
    "prune keeps the last name of deleted data and removes an undeclared link",
    "Windows paths in the manifest, plan and state file: drive letters, backslashes, forward slashes, mixed case, a profile-folder layout",
  ]);
  const sb = sandbox(w, PROFILE, {
    "dotfiles/linkfarm.yaml": manifest(true),
    "dotfiles/git/gitconfig": "[user]\n",
    "dotfiles/bin/tool.cmd": "@echo tool\n",
    "dotfiles/bin/sub/helper.ps1": "Write-Host helper\n",
    "dotfiles/powershell/profile.ps1": "Set-Alias g git\n",
    "dotfiles/vim/_vimrc": "set nu\n",
    "dotfiles/notes/todo.txt": "buy milk\n",
  });
  const stateDir = sb.p("AppData/Local/linkfarm");
  const m = sb.w("dotfiles/linkfarm.yaml");
  const env = { LF_PROFILE: "C:\\Users\\LinkFarmUser", LINKFARM_STATE_DIR: `${sb.win}\\AppData\\Local\\linkfarm` };
  const lf = cli(w, bin, sb, env);
  const linked = (pairs) => pairs.forEach(([src, t]) => sameFile(sb.p(src), sb.p(t), 2));

  s.step("validate: a manifest with backslashes, drive letters and mixed case is valid", () => exitCode(lf("validate", "-c", m), 0, "validate"));
  s.step("plan --json: six hard links to create, every path a Windows path under the profile", () => {
    const r = lf("plan", "--json", "-c", m);
    exitCode(r, 0, "plan --json");
    const doc = json(r, "plan --json");
    assert(doc.summary.create === 6, `summary.create ${doc.summary.create}, wanted 6`);
    for (const a of doc.actions) {
      assert(a.type === "hardlink", `${a.target}: type ${a.type}`);
      assert(/^C:\\Users\\LinkFarmUser\\[^/]+$/.test(a.target), `target not a Windows path: ${a.target}`);
      assert(/^[Cc]:\\/.test(a.source) && !a.source.includes("/"), `source not a Windows path: ${a.source}`);
    }
  });
  s.step("plan --detailed-exitcode exits 2 with changes pending", () => exitCode(lf("plan", "--detailed-exitcode", "-c", m), 2, "plan"));
  s.step("plan --out, then apply PLANFILE makes exactly those hard links (same inode, 2 names)", () => {
    exitCode(lf("plan", "-c", m, "--out", sb.w("plan.json")), 0, "plan --out");
    exitCode(lf("apply", sb.w("plan.json")), 0, "apply plan.json");
    linked(PAIRS);
  });
  s.step("apply again: No changes. 6 links in place.", () => {
    const r = lf("apply", "-c", m);
    exitCode(r, 0, "apply");
    assert(r.stdout.startsWith("No changes. 6 links in place."), `stdout: ${r.stdout}`);
  });
  s.step("the state file records Windows targets (drive letter, backslashes) with their inodes", () => {
    const st = stateIn(stateDir);
    const targets = Object.keys(st.links);
    assert(targets.length === 6, `${targets.length} links in state`);
    for (const t of targets) {
      assert(/^C:\\Users\\LinkFarmUser\\/.test(t) && !t.includes("/"), `state target ${t}`);
      assert(st.links[t].type === "hardlink" && typeof st.links[t].ino === "number", `state entry ${t}`);
    }
    assert(/^C:\\Users\\LinkFarmUser\\dotfiles\\linkfarm\.yaml$/i.test(st.manifest), `state manifest ${st.manifest}`);
  });
  s.step("status --json: six links, all ok, each with 2 names", () => {
    const r = lf("status", "--json", "-c", m);
    exitCode(r, 0, "status");
    const links = json(r, "status").links;
    assert(links.length === 6 && links.every((l) => l.health === "ok" && l.nlink === 2), JSON.stringify(links));
  });
  s.step("an editor-style save (new file renamed over) is diverged: plan says conflict, apply changes nothing", () => {
    writeFileSync(sb.p(".gitconfig.swp"), "[user]\n  name = edited\n");
    renameSync(sb.p(".gitconfig.swp"), sb.p(".gitconfig"));
    const plan = json(lf("plan", "--json", "-c", m), "plan");
    const a = plan.actions.find((x) => x.target.endsWith("\\.gitconfig"));
    assert(a?.kind === "conflict" && a.reasonCode === "diverged", `action: ${JSON.stringify(a)}`);
    const st = json(lf("status", "--json", "-c", m), "status").links.find((l) => l.target.endsWith("\\.gitconfig"));
    assert(st?.health === "diverged", `status: ${JSON.stringify(st)}`);
    exitCode(lf("apply", "-c", m), 1, "apply with a conflict");
    assert(readFileSync(sb.p(".gitconfig"), "utf8").includes("edited"), "the edited file changed");
  });
  s.step("apply --conflict backup relinks and keeps the edited bytes as .linkfarm-bak", () => {
    exitCode(lf("apply", "-c", m, "--conflict", "backup"), 0, "apply --conflict backup");
    sameFile(sb.p("dotfiles/git/gitconfig"), sb.p(".gitconfig"), 2);
    assert(readFileSync(sb.p(".gitconfig.linkfarm-bak"), "utf8").includes("edited"), "backup lost the edit");
  });
  s.step("prune: the last name of deleted data is kept (forget), an undeclared link is removed", () => {
    writeFileSync(sb.p("dotfiles/linkfarm.yaml"), manifest(false));
    rmSync(sb.p("dotfiles/vim/_vimrc"));
    const plan = json(lf("plan", "--json", "-c", m), "plan");
    const vim = plan.actions.find((x) => x.target.endsWith("\\_vimrc"));
    const todo = plan.actions.find((x) => x.target.endsWith("\\todo.txt"));
    assert(vim?.kind === "forget" && vim.reasonCode === "last-name", `_vimrc: ${JSON.stringify(vim)}`);
    assert(todo?.kind === "remove", `todo.txt: ${JSON.stringify(todo)}`);
    exitCode(lf("apply", "-c", m), 0, "apply (prune)");
    assert(readFileSync(sb.p("_vimrc"), "utf8") === "set nu\n", "the last name of _vimrc was not kept");
    missing(sb.p("Desktop/todo.txt"));
    assert(readFileSync(sb.p("dotfiles/notes/todo.txt"), "utf8") === "buy milk\n", "the source of todo.txt changed");
    const st = stateIn(stateDir);
    assert(Object.keys(st.links).length === 4, `state still has ${Object.keys(st.links).join(", ")}`);
  });
  s.step("unlink removes every managed link; the sources keep their bytes (1 name each)", () => {
    exitCode(lf("unlink", "-c", m), 0, "unlink");
    for (const [src, t] of PAIRS.slice(0, 4)) {
      missing(sb.p(t));
      sameFile(sb.p(src), sb.p(src), 1);
    }
    assert(readFileSync(join(sb.root, ".gitconfig.linkfarm-bak"), "utf8").includes("edited"), "the backup is gone");
  });
  return s;
}
