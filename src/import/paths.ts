// How importers write roots into the manifest: HOME as "~", other paths relative to the
// manifest's directory (so the dotfiles repository can move with its manifest).

import picomatch from "picomatch";
import { path } from "../platform/paths.js";

// "~", "~/sub" for paths under HOME, else the absolute path.
function homeRelative(abs: string, home: string): string {
  if (abs === home) return "~";
  if (home && abs.startsWith(home + path.sep)) return "~/" + abs.slice(home.length + 1).split(path.sep).join("/");
  return abs;
}

// homeRelative for paths already resolved (realpath): HOME may be reached through a symlinked
// directory (/home -> /var/home on Fedora Silverblue), so its real path is "~" too.
export function homeRelativeReal(abs: string, home: string, realHome: string | undefined): string {
  const shown = homeRelative(abs, home);
  return shown === abs && realHome !== undefined && realHome !== home ? homeRelative(abs, realHome) : shown;
}

// `dir` written relative to the manifest's directory ("." when it is that directory).
export function relativeRoot(manifestDir: string, dir: string): string {
  const rel = path.relative(manifestDir, dir);
  return rel === "" ? "." : rel.split(path.sep).join("/");
}

// Glob characters a manifest's reader would expand in a source: * ? [ ] { } ( ) (extglobs
// included), or anything else picomatch, which reads manifests, calls a glob (a leading "!").
export const hasGlobSyntax = (p: string): boolean => /[*?[\]{}()]/.test(p) || picomatch.scan(p).isGlob;

// A file name written into a manifest literally: `$` doubled (`$$` reads back as `$`).
export const literalPath = (p: string): string => p.replaceAll("$", "$$$$");
