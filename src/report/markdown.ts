// The plan as GitHub-flavoured markdown: a summary line and a table, for $GITHUB_STEP_SUMMARY
// or a pull-request comment. A view of the plan: it decides nothing.

import { hasChanges, isBlocked, isPrune, type Plan } from "../plan/types.js";
import { displayPath } from "../platform/paths.js";
import { plural } from "./plural.js";
import { blockedHint, details, DISPLAY_ORDER, summaryLine, SYMBOLS } from "./text.js";

export interface MarkdownOptions {
  home: string;
}

// A table cell: pipes escaped, line breaks flattened, so one row stays one row.
export function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ");
}

// Inline code that survives backticks inside the text.
function code(s: string): string {
  if (s === "") return "";
  const fence = s.includes("`") ? "``" : "`";
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

// The markdown report, ending in a newline.
export function renderMarkdown(plan: Plan, options: MarkdownOptions): string {
  const { home } = options;
  const n = plan.summary.ok;
  if (!isBlocked(plan) && !hasChanges(plan)) {
    return `**No changes.** ${plural(n, "link", "links")} in place.\n`;
  }
  const lines = [`**${summaryLine(plan)}**`, "", "| | Kind | Target | Source | Reason |", "|---|---|---|---|---|"];
  for (const kind of DISPLAY_ORDER) {
    if (kind === "ok") continue;
    for (const a of plan.actions) {
      if (a.kind !== kind) continue;
      const source = isPrune(a) && a.type === "dir" ? "" : (a.linkText ?? a.source ?? "");
      const row = [
        code(SYMBOLS[a.kind]),
        a.kind,
        code(displayPath(a.target, home)),
        code(a.type === "hardlink" && a.source ? displayPath(a.source, home) : source),
        details(a, home).join("; "),
      ].map(cell);
      lines.push(`| ${row.join(" | ")} |`);
    }
  }
  if (isBlocked(plan)) lines.push("", ...blockedHint(plan).map((l) => `> ${cell(l)}`));
  return lines.join("\n") + "\n";
}
