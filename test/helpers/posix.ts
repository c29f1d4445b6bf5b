// The test suite runs on Windows too (the hosted CI matrix has windows-latest). Tests that need
// a POSIX shell, POSIX permissions, FIFOs or POSIX file names are skipped there and say why
// (posixOnly); the helpers below give the platform's form of what a test expects, so that the
// same assertion holds on both (each is the identity off Windows: Linux assertions are unchanged).

import * as path from "node:path";

const said = new Set<string>();
const WIN = process.platform === "win32";

// True on Windows (skip), after printing the reason once; false elsewhere.
export function posixOnly(reason: string): boolean {
  if (!WIN) return false;
  if (!said.has(reason)) console.log(`skipped on Windows (POSIX-only): ${reason}`);
  said.add(reason);
  return true;
}

/** A path written with `/` in the platform's separators (`a/b` → `a\b` on Windows). */
export const native = (p: string): string => (WIN ? p.replaceAll("/", "\\") : p);

/** Output with the platform's separators turned into `/`, for assertions written with `/`. */
export const slashes = (s: string): string => (WIN ? s.replaceAll("\\", "/") : s);

/** How the reporters show a path under HOME: `~/rel` (`~\rel` on Windows). */
export const tilde = (rel: string): string => native(`~/${rel}`);

/**
 * What readlink gives back for a symlink made with `text`: on Windows Node stores an absolute
 * text as `\\?\C:\...` (read back as `C:\...`, on the current drive for `/x`) and turns `/` into
 * `\` in a relative one.
 */
export const storedLinkText = (text: string): string => (!WIN ? text : path.isAbsolute(text) ? path.resolve(text) : native(text));

/** A hook command (run by the platform's shell: sh, or cmd.exe on Windows) that makes an empty file. */
export const touchHook = (file: string): string => (WIN ? `type nul > ${file}` : `touch ${file}`);

/** A hook command that appends `word` and a newline to `file` (cmd's `echo x >> f` would write `x \r\n`). */
export const appendHook = (file: string, word: string): string =>
  WIN ? `node -e "require('fs').appendFileSync('${file}', '${word}\\n')"` : `echo ${word} >> ${file}`;

/** A hook command that prints `words` and exits with `code` (sh, or cmd.exe on Windows). */
export const failingHook = (words: string, code: number): string => (WIN ? `echo ${words}& exit ${code}` : `echo ${words}; exit ${code}`);

/** A hook command that writes (`>`) or appends (`>>`) the directory it runs in to `$HOME/file`. */
export const pwdHook = (redirect: ">" | ">>", file: string): string =>
  WIN ? `cd ${redirect} "%HOME%\\${file}"` : `pwd ${redirect} "$HOME/${file}"`;

/** Lines of a file written by hooks (cmd.exe ends lines with \r\n). */
export const lines = (text: string): string[] => text.trim().split(/\r?\n/);
