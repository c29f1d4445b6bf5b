import { describe, expect, it } from "vitest";
import { renderText, summaryLine } from "../../src/report/text.js";
import { stripAnsi } from "../helpers/ansi.js";
import { everyKindPlan, HOME, link, makePlan, remove, REPO } from "../helpers/plan-fixtures.js";
import { slashes } from "../helpers/posix.js";

const opts = { home: HOME, color: false, verbose: false };
// The fixtures' paths are POSIX; on Windows the reporter shows them with `\`.
const render = (...args: Parameters<typeof renderText>) => slashes(renderText(...args));

function symbolsOf(out: string): string[] {
  return out
    .split("\n")
    .filter((l) => l.startsWith(" ") || l.startsWith("-/+"))
    .map((l) => l.trim().split(" ")[0]!);
}

describe("renderText", () => {
  it("prints one line per action that is not ok, grouped by kind: error, conflict, create, repair, replace, remove, forget", () => {
    const out = render(everyKindPlan(), opts);
    expect(symbolsOf(out)).toEqual(["x", "!", "+", "+", "~", "-/+", "-", "-", "."]);
    expect(out).not.toContain("~/.profile");
  });

  it("with verbose, lists ok links too, after the others", () => {
    const out = render(everyKindPlan(), { ...opts, verbose: true });
    expect(symbolsOf(out).at(-1)).toBe("=");
    expect(out).toContain("~/.profile");
  });

  it("shows targets under HOME as ~/..., others as absolute paths", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toContain("+ ~/.config/git/config -> /home/me/dotfiles/bash/.bashrc");
    expect(out).toContain("x /srv/data/x -> ");
    expect(out).not.toContain("/home/me/.config/git/config");
  });

  it("shows symlinks as target -> link text and hard links as target => source (hard link)", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toContain("~/.vimrc -> /home/me/dotfiles/bash/.bashrc  (dangling: points to /old/vimrc)");
    expect(out).toContain("~/.local/bin/tool => ~/dotfiles/bin/tool  (hard link; nothing at target)");
  });

  it("puts the reason and the note after the link", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toMatch(/x \/srv\/data\/x -> \S+ {2}\(junction; source missing: \S+; junction made as a directory symlink on linux\)/);
  });

  it("renders a forgotten removal distinctly: kept, no longer managed", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toContain(". ~/.keep  (hard link; kept: last name of its data (the source is gone); kept the file; no longer managed)");
    const gone = render(makePlan([remove({ kind: "forget", reasonCode: "already-gone", reason: "already gone", observed: { kind: "missing" } })]), opts);
    expect(gone).toContain(". ~/.old  (already gone; no longer managed)");
    expect(gone).toContain("0 to remove, 1 to forget");
  });

  it("prints the summary line with conflict and error counts when non-zero", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toContain(
      "Plan: 2 to create, 1 to repair, 1 to replace, 1 to remove, 1 to forget, 1 unchanged, 1 conflict, 1 error; will create 2 directories and remove 1 directory.",
    );
  });

  it("pluralises counts right", () => {
    const p = makePlan([
      link("error", { reasonCode: "source-missing", reason: "source missing" }),
      link("error", { target: `${HOME}/.b`, reasonCode: "source-missing", reason: "source missing" }),
      link("conflict", { target: `${HOME}/.c`, reasonCode: "directory", reason: "directory in the way" }),
      link("conflict", { target: `${HOME}/.d`, reasonCode: "directory", reason: "directory in the way" }),
    ]);
    expect(summaryLine(p)).toBe("Plan: 0 to create, 0 to repair, 0 to replace, 0 to remove, 0 unchanged, 2 conflicts, 2 errors.");
    expect(summaryLine(makePlan([link("create")]))).not.toMatch(/conflict|error/);
  });

  it("says the directories a plan creates once, in the summary, however many links share them", () => {
    const dirs = [`${HOME}/.config`, `${HOME}/.config/x`];
    const p = makePlan([
      link("create", { target: `${HOME}/.config/x/a`, mkdirs: dirs }),
      link("create", { target: `${HOME}/.config/x/b`, mkdirs: dirs }),
    ]);
    const out = render(p, opts);
    expect(out).toContain("Plan: 2 to create, 0 to repair, 0 to replace, 0 to remove, 0 unchanged; will create 2 directories.");
    expect(out.match(/directories/g)).toHaveLength(1);
  });

  it("when nothing is to do, prints No changes. N links in place.", () => {
    const ok = (t: string) => link("ok", { target: `${HOME}/${t}`, reasonCode: "in-place", reason: "in place" });
    expect(render(makePlan([ok(".a"), ok(".b")]), opts)).toBe("No changes. 2 links in place.\n");
    expect(render(makePlan([ok(".a")]), opts)).toBe("No changes. 1 link in place.\n");
    expect(render(makePlan([]), opts)).toBe("No changes. 0 links in place.\n");
  });

  it("when blocked by conflicts, names only the --conflict policies the planner says resolve them all", () => {
    const file = link("conflict", { reasonCode: "different-content", reason: "file with other content", fixes: ["backup", "overwrite", "adopt"] });
    const dir = link("conflict", { target: `${HOME}/.d`, reasonCode: "directory", reason: "directory in the way", fixes: ["backup", "overwrite"] });
    const full = link("conflict", { target: `${HOME}/.e`, reasonCode: "nonempty-directory", reason: "directory in the way", fixes: ["backup"] });
    expect(render(makePlan([file]), opts)).toContain("--conflict backup or --conflict overwrite or --conflict adopt");
    const two = render(makePlan([file, dir]), opts);
    expect(two).toContain("--conflict backup or --conflict overwrite.");
    expect(two).not.toMatch(/re-run with .*adopt/);
    const three = render(makePlan([file, dir, full]), opts);
    expect(three).toContain("re-run with --conflict backup.");
    expect(three).not.toContain("--conflict overwrite");
  });

  it("when blocked by errors, says they must be fixed, not flagged away", () => {
    const out = render(makePlan([link("error", { reasonCode: "source-missing", reason: "source missing" })]), opts);
    expect(out).toContain("Fix the error above");
    expect(out).not.toContain("--conflict");
  });

  it("with quiet, prints only errors, conflicts, the summary and the hint", () => {
    const out = render(everyKindPlan(), { ...opts, quiet: true });
    expect(symbolsOf(out)).toEqual(["x", "!"]);
    expect(out).toContain("Plan: 2 to create");
  });

  it("colours only when asked, and the text is the same without the escapes", () => {
    const plain = render(everyKindPlan(), opts);
    expect(plain).not.toContain("\u001b[");
    const colored = render(everyKindPlan(), { ...opts, color: true });
    expect(colored).toContain("\u001b[");
    expect(stripAnsi(colored)).toBe(plain);
  });

  it("colours each kind's symbol: errors and conflicts red, create green, repair cyan, replace magenta, remove yellow", () => {
    const colored = render(everyKindPlan(), { ...opts, color: true, verbose: true });
    const esc = (code: number, symbol: string) => `\u001b[${code}m${symbol.padStart(3)}\u001b[39m`;
    for (const [code, symbol] of [[31, "x"], [31, "!"], [32, "+"], [36, "~"], [35, "-/+"], [33, "-"]] as const) {
      expect(colored).toContain(esc(code, symbol));
    }
  });

  it("shows a removed directory with a trailing slash", () => {
    const out = render(everyKindPlan(), opts);
    expect(out).toContain("- ~/.config/old/  (directory linkfarm created, now empty)");
    expect(REPO).toBe(`${HOME}/dotfiles`);
  });
});
