// Diagnostics → "file:line:col: message", then the source line and a caret when the source
// text is known. What is echoed is capped, so that no manifest, however long its lines or many
// its problems, makes the report itself fail: a long line is shown as an excerpt around the
// column, a long message is cut, and after MAX_SHOWN problems the rest are counted.

import { inFileOrder, type Diagnostic } from "../diagnostic.js";
import { isInside, path } from "../platform/paths.js";
import { plural } from "./plural.js";

export interface DiagnosticFormatOptions {
  color: boolean;
  /** file path → its text, for the source line and caret. */
  sources?: ReadonlyMap<string, string>;
  /** When given, files below it are shown relative to it (shorter, still clickable). */
  cwd?: string;
}

/** Problems printed in full; the rest are counted in one line. */
export const MAX_SHOWN = 100;
/** Characters of a source line shown around the column. */
export const EXCERPT_WIDTH = 120;
/** Characters of one message line. */
export const MAX_MESSAGE_LINE = 400;

function shownPath(file: string, cwd: string | undefined): string {
  if (!cwd || !path.isAbsolute(file) || !isInside(file, cwd) || file === cwd) return file;
  return path.relative(cwd, file);
}

function cut(line: string): string {
  return line.length <= MAX_MESSAGE_LINE ? line : `${line.slice(0, MAX_MESSAGE_LINE)}…`;
}

/** The part of `lineText` around 1-based `col`, and where the caret goes in it (1-based). */
export function excerpt(lineText: string, col: number, len: number): { text: string; col: number; len: number } {
  const fit = (c: number, l: number, width: number) => Math.max(1, Math.min(l, width - c + 1));
  if (lineText.length <= EXCERPT_WIDTH) return { text: lineText, col, len: fit(col, len, lineText.length) };
  const start = Math.max(0, Math.min(col - 1 - EXCERPT_WIDTH / 2, lineText.length - EXCERPT_WIDTH));
  const end = start + EXCERPT_WIDTH;
  const pre = start > 0 ? "…" : "";
  const post = end < lineText.length ? "…" : "";
  const at = col - start + pre.length;
  return { text: pre + lineText.slice(start, end) + post, col: at, len: fit(col - start, len, EXCERPT_WIDTH) };
}

function sourceLine(d: Diagnostic, lines: ((file: string) => readonly string[] | undefined)): string {
  if (!d.file || d.line === undefined || d.line <= 0) return "";
  const lineText = lines(d.file)?.[d.line - 1];
  if (lineText === undefined) return "";
  const e = excerpt(lineText, Math.max(1, d.col ?? 1), d.length ?? 1);
  return `  ${e.text}\n  ${" ".repeat(e.col - 1)}${"^".repeat(e.len)}\n`;
}

function lineCache(sources: ReadonlyMap<string, string> | undefined): (file: string) => readonly string[] | undefined {
  const cache = new Map<string, readonly string[]>();
  return (file) => {
    const text = sources?.get(file);
    if (text === undefined) return undefined;
    let lines = cache.get(file);
    if (!lines) cache.set(file, (lines = text.split(/\r?\n/)));
    return lines;
  };
}

export function formatDiagnostic(
  d: Diagnostic,
  options: DiagnosticFormatOptions,
  lines = lineCache(options.sources),
): string {
  let where = "";
  if (d.file) {
    where = shownPath(d.file, options.cwd);
    if (d.line !== undefined && d.line > 0) where += `:${d.line}:${d.col ?? 1}`;
    where += ": ";
  }
  const label = d.severity === "warning" ? "warning: " : "";
  const [first = "", ...rest] = d.message.split("\n");
  let out = `${where}${label}${cut(first)}\n${sourceLine(d, lines)}`;
  for (const line of rest) out += `${cut(line)}\n`;
  return out;
}

// All problems, sorted by file and position, so that the user fixes them top to bottom.
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: DiagnosticFormatOptions,
): string {
  const sorted = inFileOrder(diagnostics);
  const lines = lineCache(options.sources);
  let out = sorted.slice(0, MAX_SHOWN).map((d) => formatDiagnostic(d, options, lines)).join("");
  const more = sorted.length - MAX_SHOWN;
  if (more > 0) out += `… and ${plural(more, "more problem", "more problems")} (fix these and run again to see them)\n`;
  return out;
}
