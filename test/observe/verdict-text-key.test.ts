// The verdict cache's text key: `plan` answers from the cache before parsing the manifest, so
// the manifest's path and bytes, and the value of every variable its text names, must stand for
// everything that resolving it could read.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verdictTextKey, type TextKeyFacts } from "../../src/observe/verdict-cache.js";

const TEXT = `version: 1
target: \${HOME}
links:
  - source: single.txt
    target: .single-\${LF_NAME:-x}
    when: { env: LF_ON }
`;

// The manifest's hash, as loadManifest works it out: sha256 of its bytes.
const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

function facts(over: Partial<TextKeyFacts> = {}, env: Record<string, string | undefined> = {}): TextKeyFacts {
  const text = over.text ?? TEXT;
  return {
    version: "1.0.0",
    file: "/dots/linkfarm.yaml",
    text,
    hash: hashOf(text),
    host: { os: "linux", hostname: "box", home: "/home/u", env: { HOME: "/home/u", LF_ON: "1", PWD: "/dots", ...env } },
    symlinks: "allowed",
    user: "1000:1000",
    ...over,
  };
}

describe("verdict text key", () => {
  const base = verdictTextKey(facts());

  it("changes with every variable the text names: set, changed, unset", () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(verdictTextKey(facts({}, { LF_NAME: "y" }))).not.toBe(base); // named, unset before
    expect(verdictTextKey(facts({}, { LF_ON: "" }))).not.toBe(base);
    expect(verdictTextKey(facts({}, { LF_ON: undefined }))).not.toBe(base);
    expect(verdictTextKey(facts({}, { HOME: "/elsewhere" }))).not.toBe(base);
  });

  it("does not change with a variable the text does not name as a whole word", () => {
    expect(verdictTextKey(facts({}, { PWD: "/tmp" }))).toBe(base);
    expect(verdictTextKey(facts({}, { LF: "1", NAME: "n", ON: "o" }))).toBe(base); // parts of LF_NAME, LF_ON
  });

  it("changes with the text, the file, the host facts, and the options", () => {
    const others = [
      facts({ text: `${TEXT}# a comment\n` }),
      facts({ file: "/other/linkfarm.yaml" }),
      facts({ host: { ...facts().host, hostname: "other" } }),
      facts({ host: { ...facts().host, home: "/home/v" } }),
      facts({ symlinks: "refused" }),
      facts({ conflict: "backup" }),
      facts({ user: "1001:1001" }),
    ];
    const keys = new Set([base, ...others.map((f) => verdictTextKey(f))]);
    expect(keys.size).toBe(others.length + 1);
  });

  it("none when the text has a backslash (an escape may spell a name) or names ignore case (Windows)", () => {
    expect(verdictTextKey(facts({ text: `${TEXT}    target: "\\x24HOME"\n` }))).toBeUndefined();
    expect(verdictTextKey(facts({ host: { ...facts().host, os: "win32" } }))).toBeUndefined();
  });
});
