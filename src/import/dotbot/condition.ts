// dotbot's `if:` is a shell test; the common "which OS" tests map to a declarative `when: {os}`.
// Anything else returns undefined (the caller keeps it as a comment).

import type { RawWhen } from "../../manifest/types.js";

const OS: Record<string, string> = {
  darwin: "darwin",
  linux: "linux",
  freebsd: "freebsd",
  openbsd: "openbsd",
  netbsd: "netbsd",
};

// `[ "$(uname)" = Darwin ]`, `[[ `uname -s` == "Linux" ]]`, `test $(uname) = Darwin`, ...
const UNAME =
  /^(?:\[\[?|test)\s+["']?(?:`uname(?:\s+-s)?`|\$\(uname(?:\s+-s)?\))["']?\s*==?\s*["']?([A-Za-z]+)["']?\s*(?:\]\]?)?$/;

export function conditionToWhen(test: string): RawWhen | undefined {
  const m = UNAME.exec(test.trim());
  const os = m ? OS[m[1]!.toLowerCase()] : undefined;
  return os ? { os: [os] } : undefined;
}
