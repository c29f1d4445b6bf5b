// Path helpers shared by the pure layers (plan/, report/), so that they import no node:* module
// themselves.

import * as nodePath from "node:path";

export const path = nodePath;

/** `/home/me/.bashrc` → `~/.bashrc` when under HOME; other paths unchanged. */
export function displayPath(p: string, home: string): string {
  if (!home) return p;
  const h = home.endsWith(nodePath.sep) ? home.slice(0, -1) : home;
  if (p === h) return "~";
  if (p.startsWith(h + nodePath.sep)) return "~" + p.slice(h.length);
  return p;
}

/** True when `child` is `parent` or lies below it (both absolute, normalised). */
export function isInside(child: string, parent: string): boolean {
  if (child === parent) return true;
  const p = parent.endsWith(nodePath.sep) ? parent : parent + nodePath.sep;
  return child.startsWith(p);
}
