// A manifest position in messages and diagnostics. A position without a line (line 0: a JS
// config, or a root key that was not written) is the file alone.

import type { SourcePos } from "./types.js";

/** FILE:LINE:COL, or FILE when the position is unknown (line 0). */
export function formatPos(pos: SourcePos): string {
  return pos.line > 0 ? `${pos.file}:${pos.line}:${pos.col}` : pos.file;
}

/** A diagnostic's location at `pos` (no line and column when they are unknown). */
export function diagAt(pos: SourcePos): { file: string; line?: number; col?: number } {
  return pos.line > 0 ? { file: pos.file, line: pos.line, col: pos.col } : { file: pos.file };
}
