// The plain-JavaScript SHA-256 (src/platform/sha256.ts) gives node:crypto's digests: the state
// file's name and the manifest hash derive from it, so one differing bit would lose a farm's state.

import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/platform/sha256.js";

const ref = (d: string | Uint8Array) => createHash("sha256").update(d).digest("hex");

describe("sha256Hex", () => {
  it("known vectors (FIPS 180-4 examples)", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("equals node:crypto on random bytes of every length around the block edges and beyond 64 KB", () => {
    const lengths = [...Array.from({ length: 200 }, (_, i) => i), 447, 448, 511, 512, 1000, 4096, 65_535, 65_536, 65_537, 200_000];
    for (const n of lengths) {
      for (let k = 0; k < 3; k++) {
        const b = randomBytes(n);
        expect(sha256Hex(b), `length ${n}`).toBe(ref(b));
      }
    }
  });

  it("hashes a string as its UTF-8 bytes, as node:crypto does (paths with any characters)", () => {
    const pool = ["a", "/", "é", "ü", "中", "😀", "\u0000", " ", "\\", "C:"];
    for (let k = 0; k < 500; k++) {
      const len = Math.floor(Math.random() * 120);
      let s = "";
      for (let i = 0; i < len; i++) s += pool[Math.floor(Math.random() * pool.length)];
      expect(sha256Hex(s)).toBe(ref(s));
    }
    // a lone surrogate becomes U+FFFD in both
    expect(sha256Hex("a\ud800b")).toBe(ref("a\ud800b"));
  });
});
