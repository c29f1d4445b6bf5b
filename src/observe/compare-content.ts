// Do two regular files hold the same bytes? Sizes first; then a streamed comparison in 64 KiB
// chunks that stops at the first difference. Read-only (files opened "r").

import type { FsRead } from "../platform/fs.js";

const CHUNK = 64 * 1024;
const bufA = Buffer.alloc(CHUNK);
const bufB = Buffer.alloc(CHUNK);

// False on any read error: "not provably the same" is the safe answer (it makes a conflict).
export function sameContent(a: string, b: string, sizeA: number, sizeB: number, fs: FsRead): boolean {
  if (sizeA !== sizeB) return false;
  let fa: number | undefined;
  let fb: number | undefined;
  try {
    fa = fs.openSync(a, "r");
    fb = fs.openSync(b, "r");
    for (;;) {
      const na = readFull(fs, fa, bufA);
      const nb = readFull(fs, fb, bufB);
      if (na !== nb) return false;
      if (na === 0) return true;
      if (bufA.compare(bufB, 0, nb, 0, na) !== 0) return false;
    }
  } catch {
    return false;
  } finally {
    if (fa !== undefined) fs.closeSync(fa);
    if (fb !== undefined) fs.closeSync(fb);
  }
}

// Fill the buffer unless the file ends first (readSync may return short counts).
function readFull(fs: FsRead, fd: number, buf: Buffer): number {
  let n = 0;
  while (n < buf.length) {
    const got = fs.readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) break;
    n += got;
  }
  return n;
}
