// Which sources are globs. Narrower than picomatch.scan: only `*`, `?`, `[...]`, `{a,b}` /
// `{1..3}` and the extglobs `@(...)`, `!(...)`, `+(...)` (`*(...)`, `?(...)` start with `*`,
// `?`) make a glob, so ordinary names such as `notes (2).md` stay literal. A `{b}` without a
// `,` or `..` is literal to picomatch (and bash) too. `glob: false` makes any name literal.

import picomatch from "picomatch";

// `[` with a closing `]` after at least one character; a brace list or range; an extglob.
const SYNTAX = /[*?]|\[[^\]]+\]|\{[^}]*(?:,|\.\.)[^}]*\}|[@!+]\([^)]*\)/;

/** True when `source` (after variable expansion) is expanded as a glob. */
export function isGlobSource(source: string, glob = true): boolean {
  // picomatch must agree too: the walk takes the pattern's glob part from its scan.
  return glob && SYNTAX.test(source) && picomatch.scan(source).isGlob;
}
