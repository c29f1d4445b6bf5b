// GNU Stow's ignore lists (Stow 2.3.1, lib/Stow.pm: get_ignore_regexps, ignore, __DATA__):
// a package's `.stow-local-ignore`, else `~/.stow-global-ignore`, else the built-in list. Each
// line is a Perl regex; one without "/" must match a whole path segment (the basename), one
// with "/" is matched against "/" + the path inside the package, aligned on segments. Every
// list also ignores the package's own top-level `.stow-local-ignore`.
// Here: the same matching in JS (to know what Stow would link today), and a translation of each
// rule to a picomatch glob (what linkfarm.yaml can say), verified against the package's files
// by the caller.

/** Stow 2.3.1's built-in list, verbatim (comments stripped). */
export const STOW_DEFAULT_IGNORE: readonly string[] = [
  "RCS",
  ".+,v",
  "CVS",
  "\\.\\#.+",
  "\\.cvsignore",
  "\\.svn",
  "_darcs",
  "\\.hg",
  "\\.git",
  "\\.gitignore",
  ".+~",
  "\\#.*\\#",
  "^/README.*",
  "^/LICENSE.*",
  "^/COPYING",
];

/** The rule Stow adds to every list (quotemeta of the local ignore file's name). */
export const LOCAL_IGNORE_RULE = "^/\\.stow\\-local\\-ignore$";

// An ignore file's text → its rules, exactly as get_ignore_regexps_from_fh reads them.
export function parseIgnoreFile(text: string): string[] {
  const rules: string[] = [];
  for (const raw of text.split("\n")) {
    let line = raw.replace(/^\s+/, "").replace(/\s+$/, "");
    if (line.startsWith("#") || line.length === 0) continue;
    line = line.replace(/\s+#.+/, "").replace(/\\#/g, "#");
    if (!rules.includes(line)) rules.push(line);
  }
  return rules;
}

export interface IgnoreMatcher {
  rules: readonly string[];
  /** Stow's --ignore=REGEX rules (from .stowrc or the command line): REGEX\z on the path. */
  suffixes: readonly string[];
  /** Rules that JS cannot compile (Stow would die on them); they match nothing here. */
  bad: string[];
  /** Stow's `ignore()`: `rel` is the path inside the package (posix, no leading "/"). */
  ignores(rel: string): boolean;
}

// Compiles like compile_ignore_regexps: segment rules joined as ^(a|b)$ on the basename, path
// rules as (^|/)(a|b)(/|$) on "/" + rel. Each rule is compiled alone first to find bad ones.
// `suffixes` (--ignore) match the end of the path inside the package, as Stow's qr($regex\z).
export function compileIgnore(rules: readonly string[], suffixes: readonly string[] = []): IgnoreMatcher {
  const all = rules.includes(LOCAL_IGNORE_RULE) ? [...rules] : [...rules, LOCAL_IGNORE_RULE];
  const bad: string[] = [];
  const ok = all.filter((r) => {
    try {
      new RegExp(r);
      return true;
    } catch {
      bad.push(r);
      return false;
    }
  });
  const seg = ok.filter((r) => !r.includes("/"));
  const pth = ok.filter((r) => r.includes("/"));
  const segRe = seg.length > 0 ? new RegExp(`^(${seg.join("|")})$`) : undefined;
  const pathRe = pth.length > 0 ? new RegExp(`(^|/)(${pth.join("|")})(/|$)`) : undefined;
  const sufRe = suffixes.map((r) => new RegExp(`(?:${r})$`));
  return {
    rules: all,
    suffixes,
    bad,
    ignores(rel) {
      if (sufRe.some((re) => re.test(rel))) return true;
      if (pathRe && pathRe.test("/" + rel)) return true;
      const base = rel.slice(rel.lastIndexOf("/") + 1);
      return segRe !== undefined && segRe.test(base);
    },
  };
}

/** Where a translated rule applies: anywhere in the package, or from the package root only. */
export interface RuleGlob {
  glob: string;
  anchored: boolean;
}

// A Stow rule → a picomatch glob relative to the package root, or undefined when the regex uses
// more than literals, `.`, `.*`, `.+` and anchors. Segment rules match at any depth (`**/`);
// path rules starting with "^/" (or "/") only from the package root.
export function ruleToGlob(rule: string): RuleGlob | undefined {
  if (!rule.includes("/")) {
    const body = translate(stripAnchors(rule));
    return body === undefined ? undefined : { glob: `**/${body}`, anchored: false };
  }
  let r = rule;
  let anchored = false;
  if (r.startsWith("^/")) {
    anchored = true;
    r = r.slice(2);
  } else if (r.startsWith("/")) {
    anchored = true;
    r = r.slice(1);
  } else if (r.startsWith("^")) {
    return undefined;
  }
  const body = translate(stripAnchors(r));
  if (body === undefined) return undefined;
  return anchored ? { glob: body, anchored } : { glob: `**/${body}`, anchored };
}

// A --ignore rule (REGEX\z on the path) → a glob: `**/*BODY`, or `BODY` when it starts with ^
// (the whole path). undefined when the regex is more than literals and the dot forms.
export function suffixToGlob(rule: string): string | undefined {
  const anchored = rule.startsWith("^");
  const body = translate(stripAnchors(rule));
  return body === undefined ? undefined : anchored ? body : `**/*${body}`;
}

function stripAnchors(r: string): string {
  let s = r.startsWith("^") ? r.slice(1) : r;
  if (s.endsWith("$") && !s.endsWith("\\$")) s = s.slice(0, -1);
  return s;
}

const GLOB_SPECIAL = new Set([..."*?[]{}()!+@\\"]);
const escapeGlobChar = (c: string) => (GLOB_SPECIAL.has(c) ? "\\" + c : c);

// Regex body → glob body, or undefined for anything but literals and the dot forms.
function translate(re: string): string | undefined {
  let out = "";
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    const next = re[i + 1];
    if (c === "\\") {
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += escapeGlobChar(next);
      i++;
    } else if (c === ".") {
      if (next === "*") {
        out += "*";
        i++;
      } else if (next === "+") {
        out += "?*";
        i++;
      } else if (next === "?" || next === "{") {
        return undefined;
      } else out += "?";
    } else if ("[](){}|*+?^$".includes(c)) {
      return undefined;
    } else out += escapeGlobChar(c);
  }
  return out.length > 0 ? out : undefined;
}

// A path relative to the package → an exact picomatch glob for it.
export function exactGlob(rel: string): string {
  return [...rel].map(escapeGlobChar).join("");
}
