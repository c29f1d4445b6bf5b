// The line that says a plan (or a status) is partial: "Selected 3 of 140 links: vim, ~/.bashrc."
// A view: the selection was decided by plan/select.ts.

import type { PlanSelection } from "../plan/types.js";
import { plural } from "./plural.js";

// One line ending in a newline, or "" for a plan of the whole manifest.
export function selectionLine(sel: PlanSelection | undefined): string {
  if (!sel) return "";
  return `Selected ${sel.selected} of ${plural(sel.total, "link", "links")}: ${sel.selectors.join(", ")}.\n`;
}
