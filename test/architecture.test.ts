// The folder order of src/ (issue #15): every import, type imports included, goes DOWN this
// order; no cycle between folders; report/ takes only types and kind constants from plan/.
// Reads the source text (no build): static `import`/`export … from`, `import type`, dynamic
// and type-position `import("…")`.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/cli.js";

const SRC = path.join(REPO_ROOT, "src");

/** Lowest first. A folder may import only from folders before it (and from ground files). */
const ORDER = [
  "platform",
  "manifest",
  "state",
  "expand",
  "observe",
  "plan",
  "pipeline",
  "apply",
  "report",
  "completion",
  "import",
  "cli",
] as const;

/** Root files are ground (they import only other ground files), except the library entry: the roof. */
const ROOF = "index.ts";

/**
 * Imports allowed against the order, each with why (none today). An exception that no longer
 * happens is an error too, so this list cannot go stale.
 */
const KNOWN: Record<string, string> = {};

/**
 * report/ may take from plan/ types, and these values of plan/types.ts: the kind constants and
 * the predicates that only read an action's `kind` or a plan's summary counts.
 */
const REPORT_MAY_USE = new Set(["ACTION_KINDS", "isPrune", "isBlocked", "hasChanges"]);
const KNOWN_REPORT: Record<string, string> = {};

interface Import {
  from: string; // file, relative to src/ (posix)
  to: string; // resolved file, relative to src/ (posix)
  typeOnly: boolean;
  names: { name: string; typeOnly: boolean }[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith(".ts") ? [p] : [];
  });
}

const rel = (abs: string) => path.relative(SRC, abs).split(path.sep).join("/");

// Every relative import of one file. Comments are dropped first (an example in a comment is
// not an import); a spec's `.js` names the `.ts` file (NodeNext).
export function importsOf(file: string, text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean, clause: string) => {
    if (!spec.startsWith(".")) return;
    const to = rel(path.resolve(path.dirname(path.join(SRC, file)), spec.replace(/\.js$/, ".ts")));
    const braces = /\{([^}]*)\}/.exec(clause)?.[1];
    const names = (braces ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "")
      .map((n) => ({ name: n.replace(/^type\s+/, "").split(/\s+as\s+/)[0]!, typeOnly: typeOnly || n.startsWith("type ") }));
    // `import x from`, `import * as x from`, `export * from`: a value import of the whole module.
    const whole = clause.replace(/\{[^}]*\}/, "").replace(/[\s,]|type\b/g, "");
    if (whole !== "") names.push({ name: "*", typeOnly });
    out.push({ from: file, to, typeOnly, names });
  };
  const statement = /\b(import|export)\s+(type\s+)?([^;"'`]*?)\s*\bfrom\s*["']([^"']+)["']|\bimport\s+["']([^"']+)["']/g;
  for (const m of code.matchAll(statement)) {
    if (m[5] !== undefined) add(m[5], false, "*");
    else add(m[4]!, m[2] !== undefined, m[3]!);
  }
  // import("x"): a dynamic import, or a type in type position (`import("x").T`).
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)(\.)?/g)) add(m[1]!, m[2] !== undefined, "*");
  return out;
}

const files = sourceFiles(SRC).map(rel).sort();
const imports = files.flatMap((f) => importsOf(f, fs.readFileSync(path.join(SRC, f), "utf8")));

const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : "");
const rank = (folder: string) => (ORDER as readonly string[]).indexOf(folder);

// Why this import breaks the order, or undefined.
function violation(i: Import): string | undefined {
  const a = folderOf(i.from);
  const b = folderOf(i.to);
  if (i.to === ROOF) return "nothing imports the library entry";
  if (i.from === ROOF || a === b) return undefined;
  if (a === "") return b === "" ? undefined : "a root file is ground: it imports no folder";
  if (rank(a) < 0) return `folder ${a}/ is not in the order (add it to ORDER)`;
  if (b === "") return undefined;
  if (rank(b) < 0) return `folder ${b}/ is not in the order (add it to ORDER)`;
  return rank(b) > rank(a) ? `${a}/ must not import ${b}/ (it comes later in the order)` : undefined;
}

describe("the folder order of src/", () => {
  it("reads the imports it checks (static, type-only, re-exports, dynamic)", () => {
    expect(files.length).toBeGreaterThan(90);
    const run = imports.filter((i) => i.from === "cli/run.ts").map((i) => i.to);
    expect(run).toContain("cli/commands/plan.ts"); // import("./commands/plan.js")
    expect(imports.some((i) => i.from === ROOF && i.to === "plan/types.ts" && i.typeOnly)).toBe(true); // export type *
    const sample = importsOf("report/x.ts", 'import {\n  a,\n  type B,\n} from "../plan/types.js";\nlet t: import("../apply/types.js").T;');
    expect(sample).toEqual([
      { from: "report/x.ts", to: "plan/types.ts", typeOnly: false, names: [{ name: "a", typeOnly: false }, { name: "B", typeOnly: true }] },
      { from: "report/x.ts", to: "apply/types.ts", typeOnly: true, names: [{ name: "*", typeOnly: true }] },
    ]);
  });

  it("every import goes down the order (type imports included)", () => {
    const found = new Map<string, string>();
    for (const i of imports) {
      const why = violation(i);
      if (why) found.set(`${i.from} -> ${i.to}`, why);
    }
    const unexpected = [...found].filter(([edge]) => !(edge in KNOWN)).map(([edge, why]) => `${edge}: ${why}`);
    expect(unexpected).toEqual([]);
    // A known exception that no longer happens must be deleted from KNOWN.
    expect(Object.keys(KNOWN).filter((edge) => !found.has(edge))).toEqual([]);
  });

  it("no cycle between folders (known exceptions left out)", () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      if (`${i.from} -> ${i.to}` in KNOWN) continue;
      const a = folderOf(i.from) || i.from;
      const b = folderOf(i.to) || i.to;
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (n: string, trail: string[]) => {
      if (state.get(n) === "done") return;
      if (state.get(n) === "open") {
        cycles.push([...trail.slice(trail.indexOf(n)), n].join(" -> "));
        return;
      }
      state.set(n, "open");
      for (const m of edges.get(n) ?? []) visit(m, [...trail, n]);
      state.set(n, "done");
    };
    for (const n of [...edges.keys()].sort()) visit(n, []);
    expect(cycles).toEqual([]);
  });

  it("report/ takes only types and kind constants from plan/", () => {
    const found: string[] = [];
    for (const i of imports) {
      if (folderOf(i.from) !== "report" || folderOf(i.to) !== "plan" || i.typeOnly) continue;
      for (const n of i.names) {
        if (n.typeOnly) continue;
        if (i.to === "plan/types.ts" && REPORT_MAY_USE.has(n.name)) continue;
        found.push(`${i.from} -> ${i.to}: ${n.name}`);
      }
    }
    expect(found.filter((f) => !(f in KNOWN_REPORT))).toEqual([]);
    expect(Object.keys(KNOWN_REPORT).filter((f) => !found.includes(f))).toEqual([]);
  });
});
