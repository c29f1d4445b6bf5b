// `type: auto` and symlink verification under Wine, against what the capability probe found:
// where Wine reports a symlink as made and makes nothing, auto must end up as a hard link for a
// file, a directory must fail naming each kind tried, and a declared symlink must fail clearly.
// If a future Wine really makes symlinks, the same steps expect symlinks instead.

import { existsSync, lstatSync, readFileSync } from "node:fs";
import { assert, cli, exitCode, json, missing, sameFile, sandbox, Scenario, stateIn } from "./steps.mjs";

const manifest = (type, links) => `version: 1
target: \${LF_PROFILE}
defaults:
  type: ${type}
links:
${links.map(([s, t]) => `  - source: ${s}\n    target: ${t}\n`).join("")}`;

export function autoScenario(w, bin, probe) {
  const symlinks = probe.symlinkFile.made;
  const junctions = probe.junction.made;
  const s = new Scenario("type: auto and symlink verification", [
    "type: auto plans the kind it will make and its fallback; LINKFARM_SYMLINKS=refused plans a hard link (file) and a junction (directory)",
    symlinks
      ? "type: auto makes symlinks where the runtime really makes them"
      : "apply looks at what it made: auto falls back to a hard link when a symlink is reported made but is not there, and settles; a directory fails naming each kind tried; a declared symlink that is not there fails clearly",
  ]);
  const sb = sandbox(w, "users/AutoUser", {
    "dots/file.yaml": manifest("auto", [["gitconfig", ".gitconfig"]]),
    "dots/dir.yaml": manifest("auto", [["nvim", "AppData\\Local\\nvim"]]),
    "dots/both.yaml": manifest("auto", [["gitconfig", ".gitconfig"], ["nvim", "AppData\\Local\\nvim"]]),
    "dots/symlink.yaml": manifest("symlink", [["gitconfig", "Documents\\gitconfig"]]),
    "dots/gitconfig": "[core]\n",
    "dots/nvim/init.lua": "vim.o.number = true\n",
  });
  const env = { LF_PROFILE: sb.win, LINKFARM_STATE_DIR: `${sb.win}\\state` };
  const lf = cli(w, bin, sb, env);
  const m = (name) => sb.w(`dots/${name}.yaml`);

  s.step("plan: auto shows the kind it will make, and what it falls back to", () => {
    const a = json(lf("plan", "--json", "-c", m("both")), "plan").actions;
    assert(a.every((x) => x.requested === "auto" && x.type === "symlink"), JSON.stringify(a));
    const notes = a.map((x) => x.note).join(" | ");
    assert(/or a hard link if symlinks are refused/.test(notes) && /or a junction if symlinks are refused/.test(notes), notes);
  });
  s.step("plan with LINKFARM_SYMLINKS=refused: a hard link for the file, a junction for the directory", () => {
    const r = cli(w, bin, sb, { ...env, LINKFARM_SYMLINKS: "refused" })("plan", "--json", "-c", m("both"));
    const types = json(r, "plan").actions.map((x) => `${x.type}:${x.requested}`).sort();
    assert(types.join(",") === "hardlink:auto,junction:auto", types.join(","));
  });
  s.step(`apply: auto for a file makes ${symlinks ? "a symlink" : "a hard link (the symlink was not really made)"}`, () => {
    const r = lf("apply", "-c", m("file"));
    exitCode(r, 0, "apply");
    if (symlinks) assert(lstatSync(sb.p(".gitconfig")).isSymbolicLink(), "no symlink at .gitconfig");
    else {
      sameFile(sb.p("dots/gitconfig"), sb.p(".gitconfig"), 2);
      assert(/auto: made a hard link \(symlink reported as made but not there\)/.test(r.stdout), r.stdout);
      const st = stateIn(sb.p("state"));
      assert(Object.values(st.links)[0]?.type === "hardlink", JSON.stringify(st.links));
    }
  });
  s.step("apply again: No changes. 1 link in place. (auto settles)", () => {
    const r = lf("apply", "-c", m("file"));
    exitCode(r, 0, "apply");
    assert(r.stdout.startsWith("No changes. 1 link in place."), r.stdout);
  });
  s.step(
    `apply: auto for a directory ${junctions || symlinks ? "makes a link" : "fails naming the symlink and the junction it tried, and makes nothing"}`,
    () => {
      const r = lf("apply", "-c", m("dir"), "--state", sb.w("state/dir.json"));
      if (symlinks || junctions) {
        exitCode(r, 0, "apply");
        assert(lstatSync(sb.p("AppData/Local/nvim")).isSymbolicLink(), "no link at nvim");
        return;
      }
      exitCode(r, 1, "apply");
      const out = r.stdout + r.stderr;
      assert(/type auto: could not link .*nvim: symlink reported as made but not there; junction: /.test(out), out);
      missing(sb.p("AppData/Local/nvim"));
    },
  );
  s.step(`a declared symlink ${symlinks ? "is made" : "that Wine does not really make fails clearly and is not recorded"}`, () => {
    const r = lf("apply", "-c", m("symlink"), "--state", sb.w("state/symlink.json"));
    if (symlinks) {
      exitCode(r, 0, "apply");
      return;
    }
    exitCode(r, 1, "apply");
    assert(/reported the symlink .* as made, but nothing is there/.test(r.stdout + r.stderr), r.stdout + r.stderr);
    missing(sb.p("Documents/gitconfig"));
    const file = sb.p("state/symlink.json");
    const links = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).links : {};
    assert(Object.keys(links).length === 0, JSON.stringify(links));
  });
  return s;
}
