// Progress on stderr for long work, on a terminal only (README.md → Commands): one line redrawn in
// place, at most every 100 ms, cleared at the end. The command decides whether it is enabled
// (TTY, not JSON, not quiet); this module only draws, from events the engine reports.

import type { ApplyProgress } from "../apply/types.js";
import type { ObserveProgress } from "../observe/types.js";
import { assertNever } from "../assert.js";

/** What the engine reports while it works (declared by each stage). Display only: nothing decides from these. */
export type ProgressEvent = ObserveProgress | ApplyProgress;

export type ProgressFn = (event: ProgressEvent) => void;

/** Fewer links than this is not long work: nothing is drawn. */
export const MIN_ITEMS = 1000;
/** A content comparison of at least this many bytes is long work. */
export const MIN_BYTES = 16 * 1024 * 1024;
const INTERVAL_MS = 100;
const WIDTH = 72;
const CLEAR = "\r\x1b[2K";

export interface ProgressOptions {
  write(text: string): void;
  /** Milliseconds, monotonic (performance.now by default). */
  now?: () => number;
  /** Shows paths as ~/... */
  display?: (path: string) => string;
}

export interface Progress {
  report: ProgressFn;
  /** Clears the line if anything was drawn. Call before printing the result. */
  end(): void;
}

// A progress line for humans. `report` is cheap when it does not draw (one clock read).
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const display = options.display ?? ((p: string) => p);
  let last = -Infinity;
  let drawn = false;

  const draw = (text: string, force: boolean) => {
    const t = now();
    if (!force && t - last < INTERVAL_MS) return;
    last = t;
    drawn = true;
    options.write(CLEAR + fit(text));
  };

  return {
    report(e) {
      switch (e.phase) {
        case "observe":
          if (e.total >= MIN_ITEMS) draw(`linkfarm: looking at ${e.done}/${e.total} links`, false);
          return;
        case "apply":
          if (e.total >= MIN_ITEMS) draw(`linkfarm: applying ${e.done}/${e.total} changes`, false);
          return;
        case "compare":
          // Drawn at once: the comparison that follows may take seconds with nothing else drawn.
          if (e.bytes >= MIN_BYTES) draw(`linkfarm: comparing ${formatBytes(e.bytes)} ${display(e.path)}`, true);
          return;
        default:
          assertNever(e);
      }
    },
    end() {
      if (drawn) options.write(CLEAR);
      drawn = false;
    },
  };
}

// 1536 → "1.5 KiB"
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

// Keep the line within a narrow terminal: an over-long line would wrap and \r could not erase it.
function fit(text: string): string {
  return text.length <= WIDTH ? text : text.slice(0, 30) + "…" + text.slice(text.length - (WIDTH - 31));
}

/** Whether a command shows progress: a terminal on stderr, human output, not quiet, not dumb. */
export function progressWanted(o: {
  stderrIsTTY: boolean;
  format: string;
  quiet: boolean;
  env: Readonly<Record<string, string | undefined>>;
}): boolean {
  return o.stderrIsTTY && o.format !== "json" && !o.quiet && o.env.TERM !== "dumb";
}
