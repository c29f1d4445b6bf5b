// Diagnostics → "file:line:col: message", then the source line and a caret when the source
// text is known.

import type { Diagnostic } from "../diagnostic.js";
import { isInside, path } from "../platform/paths.js";

export interface DiagnosticFormatOptions {
  color: boolean;
  /** file path → its text, for the source line and caret. */
  sources?: ReadonlyMap<string, string>;
  /** When given, files below it are shown relative to it (shorter, still clickable). */
  cwd?: string;
}

function shownPath(file: string, cwd: string | undefined): string {
  if (!cwd || !path.isAbsolute(file) || !isInside(file, cwd) || file === cwd) return file;
  return path.relative(cwd, file);
}

function sortKey(d: Diagnostic): [string, number, number] {
  return [d.file ?? "", d.line ?? 0, d.col ?? 0];
}

export function formatDiagnostic(d: Diagnostic, options: DiagnosticFormatOptions): string {
  let where = "";
  if (d.file) {
    where = shownPath(d.file, options.cwd);
    if (d.line !== undefined && d.line > 0) where += `:${d.line}:${d.col ?? 1}`;
    where += ": ";
  }
  const label = d.severity === "warning" ? "warning: " : "";
  const [first, ...rest] = d.message.split("\n");
  let out = `${where}${label}${first}\n`;
  const text = d.file ? options.sources?.get(d.file) : undefined;
  if (text !== undefined && d.line !== undefined && d.line > 0) {
    const lineText = text.split(/\r?\n/)[d.line - 1];
    if (lineText !== undefined) {
      const col = Math.max(1, d.col ?? 1);
      const len = Math.max(1, Math.min(d.length ?? 1, lineText.length - col + 1));
      out += `  ${lineText}\n  ${" ".repeat(col - 1)}${"^".repeat(len)}\n`;
    }
  }
  for (const line of rest) out += `${line}\n`;
  return out;
}

// All problems, sorted by file and position, so that the user fixes them top to bottom.
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: DiagnosticFormatOptions,
): string {
  const sorted = [...diagnostics].sort((a, b) => {
    const [fa, la, ca] = sortKey(a);
    const [fb, lb, cb] = sortKey(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
  });
  return sorted.map((d) => formatDiagnostic(d, options)).join("");
}
