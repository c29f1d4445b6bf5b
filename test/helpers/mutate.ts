// Text mutations of valid manifests for fuzzing the loader: line edits, wrong-typed and huge
// values, odd unicode, deep nesting, anchors and aliases. Pure: (text, mutation) → text.

import fc from "fast-check";

/** Valid starting points: README's example manifest, the map form with anchors, and JSON. */
export const BASES: Record<string, string> = {
  "linkfarm.yaml": `# yaml-language-server: $schema=../schema/linkfarm.schema.json
version: 1
source: .
target: ~
defaults:
  type: symlink
  relative: false
  mkdirs: true
  conflict: fail
ignore: ["**/.git/**", "**/.DS_Store"]
prune: true
hooks:
  before: []
  after: ["echo hook"]
links:
  - source: bash/.bashrc
    target: .bashrc
  - source: nvim
    target: .config/nvim
  - source: bin
    target: .local/bin
    tree: true
    type: hardlink
  - source: "fonts/*.ttf"
    target: .local/share/fonts/
  - source: ssh/config
    target: .ssh/config
    optional: true
    when: { os: [linux, darwin], host: "work-*", env: CI }
`,
  "anchors.yaml": `version: 1
defaults: &defs
  type: symlink
  conflict: backup
ignore: &ign ["**/.git/**"]
links:
  - &first
    source: bash/.bashrc
    target: .bashrc
  - source: nvim
    target: \${XDG_CONFIG_HOME:-~/.config}/nvim
    when: { env: { HOME: "*" } }
`,
  "map.yml": `version: 1
links:
  .bashrc: bash/.bashrc
  .config/nvim: nvim
  .local/bin/: "bin/*"
`,
  ".linkfarmrc.json": `{
  "version": 1,
  "defaults": { "type": "hardlink", "conflict": "adopt" },
  "links": [
    { "source": "bash/.bashrc", "target": ".bashrc" },
    { "source": "bin", "target": ".local/bin", "tree": true }
  ]
}
`,
};

const nest = (n: number, open: string, close: string, leaf: string) => open.repeat(n) + leaf + close.repeat(n);

/** Values that break types, limits and encodings. */
export const ODD_VALUES: readonly string[] = [
  "[]",
  "{}",
  "123",
  "-1",
  "true",
  "null",
  "~",
  "",
  "1e400",
  "-.inf",
  ".nan",
  "0x1F",
  "!!binary aGVsbG8=",
  "!!set { a, b }",
  "!!timestamp 2001-12-14",
  "!!str",
  "!unknown tag",
  "*nosuchanchor",
  "&anchor value",
  '"\\u202e\\u200bevil"',
  '"\\ud800"',
  '"a\\u0000b"',
  '"\\x00"',
  "\u00e9\u0301\u{1F600}\u202e",
  "'$UNSET_VARIABLE_XYZ'",
  '"${X:-}"',
  '"${"',
  '"$"',
  '"~/../../.."',
  '"/"',
  '"."',
  '"[unclosed"',
  '"**"',
  '"{a,b"',
  '"!(x"',
  JSON.stringify("x".repeat(300)),
  JSON.stringify("y/".repeat(3000)),
  "z".repeat(100_000),
  nest(300, "[", "]", "1"),
  nest(300, "{a: ", "}", "1"),
  nest(3000, "[", "]", ""),
  `[${Array.from({ length: 5000 }, (_, i) => `{source: s${i}, target: t${i}}`).join(", ")}]`,
  "|\n  literal\n  block",
  ">-\n  folded",
  "? complex\n: key",
  "- a\n- b",
  "\t",
  "'unterminated",
  '"unterminated',
  "{ source: a, source: b }",
  "<<: *defs",
];

/** A "billion laughs" document fragment: 9 levels of 9 aliases each. */
export function aliasBomb(): string {
  const lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`lol${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(",")}]`);
  return lines.join("\n");
}

// One edit of a manifest's text; line numbers wrap around the text's length.
export type Mutation =
  | { op: "delete"; line: number }
  | { op: "duplicate"; line: number }
  | { op: "swap"; a: number; b: number }
  | { op: "value"; line: number; value: number }
  | { op: "insert"; line: number; text: string }
  | { op: "indent"; line: number; by: number }
  | { op: "truncate"; at: number }
  | { op: "bomb"; links: boolean };

const at = fc.nat({ max: 1000 });
// Line edits are common; the alias bomb is rare.
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), line: at }),
  fc.record({ op: fc.constant("duplicate" as const), line: at }),
  fc.record({ op: fc.constant("swap" as const), a: at, b: at }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant("value" as const), line: at, value: fc.nat({ max: ODD_VALUES.length - 1 }) }) },
  fc.record({
    op: fc.constant("insert" as const),
    line: at,
    text: fc.oneof(fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("\uFEFF", "\r", "\t", "---", "...", "%YAML 1.1", "&x", "*x", "#", "\u0085", "\u2028")),
  }),
  fc.record({ op: fc.constant("indent" as const), line: at, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat({ max: 2000 }) }),
  { weight: 1, arbitrary: fc.record({ op: fc.constant("bomb" as const), links: fc.boolean() }) },
);

// The text after one mutation.
export function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const i = (n: number) => n % Math.max(1, lines.length);
  switch (m.op) {
    case "delete":
      lines.splice(i(m.line), 1);
      break;
    case "duplicate":
      lines.splice(i(m.line), 0, lines[i(m.line)] ?? "");
      break;
    case "swap": {
      const [a, b] = [i(m.a), i(m.b)];
      [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
      break;
    }
    case "value": {
      const l = lines[i(m.line)] ?? "";
      const colon = l.indexOf(": ");
      const v = ODD_VALUES[m.value]!;
      lines[i(m.line)] = colon >= 0 ? `${l.slice(0, colon + 2)}${v}` : `${l}${v}`;
      break;
    }
    case "insert":
      lines.splice(i(m.line), 0, m.text);
      break;
    case "indent": {
      const l = lines[i(m.line)] ?? "";
      lines[i(m.line)] = m.by >= 0 ? " ".repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), "");
      break;
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "bomb":
      return m.links ? `${aliasBomb()}\nversion: 1\nlinks: *a9\n` : `${text}\n${aliasBomb()}\n`;
  }
  return lines.join("\n");
}
