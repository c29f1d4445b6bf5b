// The fast block-YAML reader against the `yaml` package: whenever the fast path accepts a text,
// the full parser must accept it too, with the same value and the same positions for every
// path (value, key, and characters of strings). Generated documents, mutated manifests, every
// fixture and example. And the fast path must really take the common manifests.

import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { treeLocator, type Locator, type PathSegment, type Span } from "../../src/manifest/locate.js";
import { parseBlockYaml } from "../../src/manifest/parse-yaml-fast.js";
import { parseWithYaml } from "../../src/manifest/parse-yaml-full.js";
import { parseManifestText } from "../../src/manifest/parse-yaml.js";
import { lineStarts } from "../../src/manifest/yaml-tree.js";
import { BASES, mutate, mutationArb } from "../helpers/mutate.js";

const DEEP = process.env.LINKFARM_DEEP === "1";
const RUNS = Number(process.env.LINKFARM_RUNS ?? (DEEP ? 20_000 : 1_500));
const SEED = Number(process.env.LINKFARM_SEED ?? 7331);
const repo = path.resolve(import.meta.dirname, "../..");

// Every path of a plain value: [] and below.
function pathsOf(value: unknown, at: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

// What a user sees of a span: where it starts and the caret under that line (the caret stops
// at the line's end, so how far a many-line span reaches past it is not visible).
function spans(locator: Locator, value: unknown, text: string): unknown[] {
  const seen = (s: Span | undefined) => {
    if (!s) return s;
    const eol = text.indexOf("\n", s.offset);
    return { line: s.line, col: s.col, offset: s.offset, caret: Math.min(s.length, (eol === -1 ? text.length : eol) - s.offset) };
  };
  return pathsOf(value).map((p) => [p, seen(locator.value(p)), seen(locator.key(p)), seen(locator.charOf(p, 0)), seen(locator.charOf(p, 2))]);
}

// undefined when the fast path declined; else a description of the first difference (or "").
function differs(text: string): string | undefined {
  const fast = parseBlockYaml(text);
  if (!fast) return undefined;
  const full = parseWithYaml(text, "m.yaml", "yaml");
  if (full.diagnostics.length > 0) return `fast path accepted what yaml rejects: ${full.diagnostics[0]?.message}`;
  try {
    expect(fast.value).toStrictEqual(full.value);
  } catch (err) {
    return String(err instanceof Error ? err.message : err).slice(0, 2000);
  }
  const a = spans(treeLocator(fast.root, lineStarts(text)), fast.value, text);
  const b = spans(full.locator, full.value, text);
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [JSON.stringify(a[i]), JSON.stringify(b[i])];
    if (x !== y) return `positions differ:\n fast ${x}\n yaml ${y}`;
  }
  return "";
}

function agrees(text: string): boolean {
  const d = differs(text);
  if (d) throw new Error(`${d}\n--- text:\n${text}`);
  return d === "";
}

// --- generated block YAML -------------------------------------------------------------------

type Tree = string | Tree[] | { [k: string]: Tree };

const ALPHABET = ["a", "b", "z", "0", "1", "-", "_", ".", "/", "~", "$", "{", "}", ":", "#", " ", "'", '"', "\\", "*", "&", "!", "?", ",", "[", "]", "|", ">", "@", "%", "é", "🙂"];
const NICE = ["a", "b", "z", "0", "1", "-", "_", ".", "/", "~", "${X}", "é", " "];
const scalarArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...NICE), { minLength: 1, maxLength: 10 }).map((cs) => cs.join("")) },
  { weight: 2, arbitrary: fc.constantFrom("true", "False", "null", "NULL", "~", "", "1", "-2", "+3", "007", "1.5", "1e3", "0x1F", "0o7", ".inf", ".nan", "yes", "on", "-", "- a", "a: b", "a:b", "a #b", "a#b", "x:", "http://x", "${HOME}/x", "~/.bashrc", "__proto__", "<<") },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 8 }).map((cs) => cs.join("")) },
);
const keyArb = fc.oneof(fc.constantFrom("version", "source", "target", "links", "a", "b", "x y", ".config/nvim", "~/.bashrc"), scalarArb);
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalarArb,
    fc.array(tie("tree"), { minLength: 1, maxLength: 4 }),
    fc.dictionary(keyArb, tie("tree"), { minKeys: 1, maxKeys: 4 }),
  ),
})).tree;

interface Style {
  indent: number;
  quote: number;
  compact: boolean;
  sameIndentSeq: boolean;
  comments: boolean;
  trailing: string;
  docStart: boolean;
  flow: boolean;
}
const styleArb: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(1, 2, 4),
  quote: fc.nat(5),
  compact: fc.boolean(),
  sameIndentSeq: fc.boolean(),
  comments: fc.boolean(),
  trailing: fc.constantFrom("", " ", "  "),
  docStart: fc.boolean(),
  flow: fc.boolean(),
});

function scalarText(s: string, st: Style, salt: number): string {
  const q = (st.quote + salt) % 6;
  if (q === 0) return `'${s.replace(/'/g, "''")}'`;
  if (q === 1) return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  return s; // plain: the parsers decide what it means (or that it is an error)
}

function render(t: Tree, st: Style): string {
  const out: string[] = [];
  let salt = 0;
  const line = (s: string) => out.push(s + st.trailing + (st.comments && salt++ % 3 === 0 ? " # c" : ""));
  const emit = (node: Tree, ind: number, lead: string): void => {
    const pad = " ".repeat(ind);
    if (typeof node === "string") {
      line(`${pad}${lead}${scalarText(node, st, salt++)}`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item) => {
        if (typeof item === "string") line(`${pad}- ${scalarText(item, st, salt++)}`);
        else if (st.compact && !Array.isArray(item) && Object.keys(item).length > 0) {
          const entries = Object.entries(item);
          entries.forEach(([k, v], i) => emitPair(k, v, ind + 2, i === 0 ? `${pad}- ` : " ".repeat(ind + 2)));
        } else {
          line(`${pad}-`);
          emit(item, ind + st.indent, "");
        }
      });
      return;
    }
    for (const [k, v] of Object.entries(node)) emitPair(k, v, ind, pad);
  };
  // `[a, "b"]` / `{ k: v }` on one line, for collections of scalars.
  const flowText = (v: Tree): string | undefined => {
    if (!st.flow || typeof v === "string") return undefined;
    if (Array.isArray(v)) {
      if (!v.every((x) => typeof x === "string")) return undefined;
      return `[${v.map((x) => scalarText(x as string, st, salt++)).join(", ")}]`;
    }
    const es = Object.entries(v);
    if (!es.every(([, x]) => typeof x === "string")) return undefined;
    return `{ ${es.map(([k, x]) => `${scalarText(k, st, salt++)}: ${scalarText(x as string, st, salt++)}`).join(", ")} }`;
  };
  const emitPair = (k: string, v: Tree, ind: number, prefix: string) => {
    const key = scalarText(k, st, salt++);
    const flow = flowText(v);
    if (flow !== undefined) line(`${prefix}${key}: ${flow}`);
    else if (typeof v === "string") line(`${prefix}${key}: ${scalarText(v, st, salt++)}`);
    else {
      line(`${prefix}${key}:`);
      if (st.comments && salt % 4 === 0) out.push(`${" ".repeat(ind)}# between`);
      emit(v, Array.isArray(v) && st.sameIndentSeq ? ind : ind + st.indent, "");
    }
  };
  emit(t, 0, "");
  return (st.docStart ? "---\n" : "") + out.join("\n") + "\n";
}

describe("fast block-YAML reader = the yaml package, where it answers", () => {
  it("generated documents (values, keys, quoting, layouts)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(keyArb, treeArb, { minKeys: 1, maxKeys: 5 }), styleArb, (t, st) => {
        const text = render(t, st);
        if (agrees(text)) accepted++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Many generated texts are errors or leave the subset on purpose; enough are compared.
    expect(accepted).toBeGreaterThan(RUNS * 0.1);
  });

  it("documents written inside the subset are all taken, and agree", () => {
    const word = fc
      .tuple(fc.constantFrom("a", "b", "x", "é", "$", "~", "."), fc.array(fc.constantFrom(...NICE.filter((c) => c !== "${X}"), "$X"), { maxLength: 10 }))
      .map(([c, cs]) => c + cs.join(""))
      // Not a number, bool or null (the subset leaves floats to yaml), no trailing space.
      .filter((w) => !/^(?:null|true|false|\.inf|\.nan)$/i.test(w) && !/^\.[0-9]/.test(w) && !w.endsWith(" ") && !w.startsWith("..."));
    const value: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
      t: fc.oneof(
        { depthSize: "small" },
        word,
        fc.array(tie("t"), { minLength: 1, maxLength: 3 }),
        fc.dictionary(word, tie("t"), { minKeys: 1, maxKeys: 3 }),
      ),
    })).t;
    fc.assert(
      fc.property(fc.dictionary(word, value, { minKeys: 1, maxKeys: 5 }), styleArb, (t, st) => {
        const text = render(t, st);
        expect(parseBlockYaml(text), text).toBeDefined();
        expect(agrees(text)).toBe(true);
      }),
      { numRuns: Math.round(RUNS / 3), seed: SEED },
    );
  });

  it("mutated manifests (line edits, odd values, indentation, truncation)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(BASES)), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (name, ms) => {
        agrees(ms.reduce((text, m) => mutate(text, m), BASES[name] as string));
      }),
      { numRuns: Math.round(RUNS / 3), seed: SEED },
    );
  });

  it("character-level edits of a typical manifest", () => {
    const base = BASES["linkfarm.yaml"] as string;
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(3), fc.constantFrom(" ", ":", "-", "#", "'", '"', "\n", "a", "  ", "\\"), (at, del, ins) => {
        agrees(base.slice(0, at) + ins + base.slice(at + del));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("every fixture, example and generated benchmark manifest", () => {
    const files = [
      ...fs.readdirSync(path.join(repo, "test/fixtures/manifests")).map((f) => path.join(repo, "test/fixtures/manifests", f)),
      ...fs.readdirSync(path.join(repo, "examples"), { recursive: true, encoding: "utf8" })
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(repo, "examples", f)),
      path.join(repo, "linkfarm.yaml"),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) agrees(fs.readFileSync(f, "utf8"));
  });

  it("takes the usual manifests: the demo, README's example, the map form, a 500-entry farm", () => {
    const farm = ["version: 1", "source: pkgs", "defaults:", "  relative: true", "links:"];
    for (let i = 0; i < 500; i++) farm.push(`  - source: p${i}`, "    target: .", "    tree: true");
    for (const text of [
      fs.readFileSync(path.join(repo, "linkfarm.yaml"), "utf8"),
      fs.readFileSync(path.join(repo, "test/fixtures/manifests/good-spec-example.yaml"), "utf8"),
      BASES["map.yml"] as string,
      farm.join("\n") + "\n",
    ]) {
      expect(parseBlockYaml(text), text.slice(0, 200)).toBeDefined();
      expect(agrees(text)).toBe(true);
    }
  });

  it("leaves anchors, many-line flow collections, block scalars, tags, tabs, CRLF, duplicates and errors to yaml", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: [1,\n  2]\n",
      "a: [1, 2, ]\n",
      "a: {b}\n",
      "a: [b: c]\n",
      "a: |\n  text\n",
      "a: >\n  text\n",
      "a: !!str 1\n",
      "a:\n\tb: c\n",
      "a: b\r\nc: d\r\n",
      "a: 1\na: 2\n",
      "a: b: c\n",
      "a: 'open\n  more'\n",
      "a: plain\n  continued\n",
      "a: 1\n---\nb: 2\n",
      "just a scalar\n",
      "",
      "a: 1.5\n",
      "a: \"\\u0041\"\n",
      "? complex\n: key\n",
    ]) {
      expect(parseBlockYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("manifests the fast path declines still load through yaml, with its messages", async () => {
    const ok = await parseManifestText("version: 1\nlinks: [{ source: a, target: b }]\n", "m.yaml", "yaml");
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value).toEqual({ version: 1, links: [{ source: "a", target: "b" }] });
    const bad = await parseManifestText("version: 1\nversion: 2\n", "m.yaml", "yaml");
    expect(bad.diagnostics[0]).toMatchObject({ code: "yaml-syntax", line: 2, col: 1 });
  });
});
