// Selectors on the command line (`linkfarm apply vim ~/.config/nvim`): parsed here, resolved by
// the pure plan/select.ts. A word with a path separator, or starting with `~`, `.` or `..`, is a
// target path (`~/` is HOME, anything else relative to the current directory); any other word
// is an entry name, or, when no entry or state record has that name, a path relative to the
// current directory (`cd ~ && linkfarm apply .bashrc`).

import { diag, UserError } from "../diagnostic.js";
import { resolveSelection, type SelectFrom, type Selection, type Selector } from "../plan/select.js";
import type { FsRead } from "../platform/fs.js";
import { path } from "../platform/paths.js";
import { hostPlatform } from "../platform/platform.js";
import { closest } from "../suggest.js";
import type { Settings } from "./args.js";

// Each word as a name and/or an absolute target path.
function parseSelectors(words: readonly string[], cwd: string, home: string): Selector[] {
  return words.map((text): Selector => {
    if (text === "~" || text.startsWith("~/") || (path.sep === "\\" && text.startsWith("~\\"))) {
      return { text, path: path.resolve(home, text.slice(2)) };
    }
    const isPath = text.includes("/") || text.includes(path.sep) || text === "." || text === ".." || path.isAbsolute(text);
    return isPath ? { text, path: path.resolve(cwd, text) } : { text, name: text, path: path.resolve(cwd, text) };
  });
}

// The resolved selection (undefined without selectors). A selector that matches nothing is a
// user error listing the names that exist, with a "did you mean".
export function selectionFor(settings: Settings, home: string, from: Omit<SelectFrom, "paths">): Selection | undefined {
  if (settings.selectors.length === 0) return undefined;
  const selectors = parseSelectors(settings.selectors, settings.cwd, home);
  const r = resolveSelection(selectors, { ...from, paths: hostPlatform });
  if ("selection" in r) return r.selection;
  throw new UserError(r.unmatched.map((text) => noMatch(text, r.names)));
}

function noMatch(text: string, names: readonly string[]) {
  const guess = closest(text, names);
  const listed = names.length > 0 ? `Entry names: ${names.join(", ")}.` : "The manifest has no links.";
  const planFile = text.endsWith(".json") ? ` (nor is it a plan file: no file ${text} exists)` : "";
  return diag(
    "selector-no-match",
    `no entry name, link or directory of links matches "${text}"${planFile}.` +
      `${guess !== undefined ? ` Did you mean "${guess}"?` : ""}\n${listed}`,
  );
}

// `apply PLANFILE`: a first argument ending in `.json` is a plan file when it is an existing
// regular file (lstat: a linked `settings.json` is a symlink, so it stays a selector);
// otherwise it is a selector like the others. A plan file takes no selectors: it records its own.
export function splitPlanFile(settings: Settings, fs: FsRead): Settings {
  const file = settings.planFile;
  if (file === undefined) return settings;
  let isFile = false;
  try {
    isFile = fs.lstatSync(path.resolve(settings.cwd, file)).isFile();
  } catch {
    // not there: a selector
  }
  if (!isFile) {
    const { planFile: _, ...rest } = settings;
    return { ...rest, selectors: [file, ...settings.selectors] };
  }
  if (settings.selectors.length > 0) {
    throw new UserError(
      `\`linkfarm apply ${file}\` takes no selectors (got "${settings.selectors.join(" ")}"): a saved plan applies exactly the selection it was made with.\n` +
        `Make the plan with them instead: linkfarm plan --out ${file} ${settings.selectors.join(" ")}`,
    );
  }
  return settings;
}
