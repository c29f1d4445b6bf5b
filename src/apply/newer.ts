// `conflict: newer` at apply time: which side still wins. The plan's observations of both sides
// must still hold (the target's is re-checked by the driver; the source's size and modification
// time are re-checked here, whatever the link type), then plan/newer.ts decides from them.

import type { SourceObserved } from "../observe/types.js";
import { newerOf } from "../plan/newer.js";
import type { LinkAction } from "../plan/types.js";
import type { FsRead } from "../platform/fs.js";
import { compareSource } from "./compare-observed.js";
import { probeSourceNow } from "../observe/probe.js";
import { isProbed } from "../observe/listed-source.js";

/** The side that wins now, or why the plan no longer holds (stale). */
export type NewerNow = { side: "target" | "source"; source: SourceObserved } | { stale: string };

export function newerNow(fs: FsRead, a: LinkAction): NewerNow {
  const now = probeSourceNow(a.source, fs);
  const why = compareSource(a.sourceObserved, now);
  if (why) return { stale: why };
  const planned = a.sourceObserved;
  if (planned.kind !== "file" || !isProbed(planned) || now.kind !== "file") return { stale: "newer needs a file source" };
  if (now.size !== planned.size || now.mtimeMs !== planned.mtimeMs) return { stale: "source was modified" };
  const v = newerOf(a.observed, now);
  if (v === undefined || v.side === "neither") return { stale: "neither side is newer now" };
  return { side: v.side, source: now };
}
