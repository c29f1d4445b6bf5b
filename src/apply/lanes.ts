// Links made concurrently. symlink(2) is most of an apply from scratch, and its kernel time
// overlaps when the links are in different directories (one directory's entries are changed
// one at a time: its lock). So a run of links is split by parent directory, and a few lanes take
// whole directories, each making its links one after another (bench/apply-concurrency.mjs
// measures it). Through Node's async calls (libuv's thread pool, 4 threads by default).

import { path } from "../platform/paths.js";

/** How many directories are worked on at once (measured: see bench/README.md, budget 4). */
export const LANES = 8;

// `work` each item, items of one directory in their order, `lanes` directories at a time.
// `work` must not throw (a step's failure is its outcome).
export async function byDirectory<T extends { target: string }>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const dir = path.dirname(it.target);
    const g = groups.get(dir);
    if (g) g.push(it);
    else groups.set(dir, [it]);
  }
  const queue = [...groups.values()];
  let next = 0;
  const lane = async () => {
    while (next < queue.length) {
      const g = queue[next++]!;
      for (const it of g) await work(it);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, lane));
}
