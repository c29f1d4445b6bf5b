// Tests that need a POSIX shell, POSIX permissions, FIFOs or POSIX file names cannot run on
// Windows (the hosted CI matrix has windows-latest). They are skipped there and say why.

const said = new Set<string>();

// True on Windows (skip), after printing the reason once; false elsewhere.
export function posixOnly(reason: string): boolean {
  if (process.platform !== "win32") return false;
  if (!said.has(reason)) console.log(`skipped on Windows (POSIX-only): ${reason}`);
  said.add(reason);
  return true;
}
