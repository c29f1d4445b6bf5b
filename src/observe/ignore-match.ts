// The matcher of a manifest's `ignore` globs (picomatch, `dot: true`), over the '/'-joined
// relative paths the source walk makes (no empty segment, no leading or trailing '/'). The
// default list, `**/.git/**` and `**/.DS_Store`, and any list of only those two forms with a
// literal name, is matched by comparing segments: the same answers as picomatch on such paths
// (test/observe/ignore-match.test.ts holds them to it), without compiling regular expressions
// at every start (about 2.5 ms) or running them on every walked name.

import picomatch from "picomatch";

export type Matcher = (rel: string) => boolean;

// A name with nothing picomatch would read as syntax.
const LITERAL = /^[^*?[\]{}()!+@\\/,|"'`$^]+$/;

export function ignoreMatcher(patterns: readonly string[]): Matcher {
  const anywhere = new Set<string>(); // `**/N/**`: N is any segment
  const last = new Set<string>(); // `**/N`: N is the last segment
  for (const p of patterns) {
    const m = /^\*\*\/(.+?)(\/\*\*)?$/.exec(p);
    const name = m?.[1];
    if (name === undefined || !LITERAL.test(name) || name === "." || name === "..") return picomatch([...patterns], { dot: true });
    (m![2] ? anywhere : last).add(name);
  }
  return (rel) => {
    let start = 0;
    for (;;) {
      const end = rel.indexOf("/", start);
      const segment = end < 0 ? rel.slice(start) : rel.slice(start, end);
      if (anywhere.has(segment)) return true;
      if (end < 0) return last.has(segment);
      start = end + 1;
    }
  };
}
