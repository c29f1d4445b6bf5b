// fast-check arbitraries for whole linkfarm scenarios: a small source tree with random
// contents, a random manifest over it, and a random disk already at the targets (optionally
// after an earlier apply and some edits, so that state, prune and diverged hard links occur).
// gen-disk.ts writes a scenario onto a real disk.

import fc from "fast-check";

/** Contents come from a small pool, so that "equal content" happens often. */
export const CONTENTS = ["alpha\n", "beta\n", "gamma\n", "", "delta\n"] as const;
const content = fc.integer({ min: 0, max: CONTENTS.length - 1 });

/** Sources below `repo/s` (the manifest's source root). */
export const SOURCE_FILES = ["f0", "f1", "f2", "d0/a", "d0/b", "d0/sub/c", "g/x.txt", "g/y.txt", "g/z.md"] as const;
const LINK_SOURCES = ["f0", "f1", "f2", "d0", "d0/sub", "g/*.txt", "g/*", "lnk", "gone"] as const;

/** Target names (relative to HOME); no name is a directory of another. */
export const TARGETS = ["t0", "t1", "t2", "sub/t3", "sub/t4", "deep/x/t5"] as const;
/** Paths pre-populated on disk: the targets and a few paths that tree/glob links expand to. */
const DISK_PATHS = [...TARGETS, "t1/a", "t1/sub/c", "t0/a", "t2/x.txt", "t1/x.txt"] as const;
const PARENTS = ["sub", "deep"] as const;

// What is already at a path under HOME before linkfarm runs.
export type DiskItem =
  | { kind: "absent" }
  | { kind: "file"; content: number }
  | { kind: "empty-dir" }
  | { kind: "dir"; content: number }
  | { kind: "dangling" }
  | { kind: "foreign" }
  | { kind: "into-source"; to: string }
  | { kind: "hardlink-of"; to: string };

// What is at a target's parent directory (`sub`, `deep`).
export type ParentItem =
  | { kind: "absent" }
  | { kind: "dir" }
  | { kind: "symlink-out" }
  | { kind: "symlink-into-source" }
  | { kind: "file" };

// One manifest entry, as written to the file.
export interface LinkSpec {
  source: string;
  target: string;
  tree?: boolean;
  type?: "symlink" | "hardlink";
  relative?: boolean;
  conflict?: "fail" | "backup" | "overwrite" | "adopt";
  optional?: boolean;
  when?: Record<string, unknown>;
}

// An edit between an earlier apply and the run under test.
export type Perturb =
  | { op: "editor-save"; target: string; content: number }
  | { op: "delete-target"; target: string }
  | { op: "source-replace"; source: string; content: number }
  | { op: "source-edit"; source: string; content: number }
  | { op: "source-delete"; source: string };

// One generated case: sources, manifest, disk, and optionally an earlier run.
export interface Scenario {
  sources: Record<string, number | null>;
  links: LinkSpec[];
  disk: Record<string, DiskItem>;
  parents: Record<string, ParentItem>;
  history?: { links: LinkSpec[]; perturb: Perturb[] };
  /** --conflict for apply; undefined = each link's own policy. */
  policy?: "backup" | "adopt" | "overwrite";
  prune: boolean;
}

const diskItem: fc.Arbitrary<DiskItem> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "absent" as const }) },
  { weight: 3, arbitrary: content.map((c) => ({ kind: "file" as const, content: c })) },
  { weight: 1, arbitrary: fc.constant({ kind: "empty-dir" as const }) },
  { weight: 1, arbitrary: content.map((c) => ({ kind: "dir" as const, content: c })) },
  { weight: 1, arbitrary: fc.constant({ kind: "dangling" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "foreign" as const }) },
  // "gone": a dangling symlink into the source root (ours: a repair; a foreign dangling one is a conflict).
  { weight: 1, arbitrary: fc.constantFrom("f0", "f1", "d0", "g/x.txt", "gone").map((to) => ({ kind: "into-source" as const, to })) },
  { weight: 1, arbitrary: fc.constantFrom("f0", "f1", "d0/a", "g/x.txt").map((to) => ({ kind: "hardlink-of" as const, to })) },
);

const parentItem: fc.Arbitrary<ParentItem> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: "absent" as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: "dir" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "symlink-out" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "symlink-into-source" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "file" as const }) },
);

const whenArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant({ os: ["linux"] }) },
  { weight: 1, arbitrary: fc.constant({ os: ["darwin"] }) },
  { weight: 1, arbitrary: fc.constant({ env: "LF_ON" }) },
  { weight: 1, arbitrary: fc.constant({ env: "LF_OFF" }) },
);

function linkArb(target: string): fc.Arbitrary<LinkSpec> {
  return fc
    .record(
      {
        source: fc.constantFrom(...LINK_SOURCES),
        tree: fc.boolean(),
        type: fc.constantFrom("symlink" as const, "symlink" as const, "hardlink" as const),
        relative: fc.boolean(),
        conflict: fc.constantFrom("fail" as const, "backup" as const, "overwrite" as const, "adopt" as const),
        optional: fc.boolean(),
        when: whenArb,
      },
      { requiredKeys: ["source"] },
    )
    .map((r) => {
      const isGlob = r.source.includes("*");
      const l: LinkSpec = { source: r.source, target: isGlob ? `${target}/` : target };
      if (r.tree && (r.source === "d0" || r.source === "d0/sub")) l.tree = true;
      for (const k of ["type", "relative", "conflict", "optional", "when"] as const) {
        if (r[k] !== undefined) (l as unknown as Record<string, unknown>)[k] = r[k];
      }
      return l;
    });
}

const linksArb: fc.Arbitrary<LinkSpec[]> = fc
  .uniqueArray(fc.constantFrom(...TARGETS), { minLength: 1, maxLength: 4 })
  .chain((targets) => fc.tuple(...targets.map(linkArb)));

const perturbArb: fc.Arbitrary<Perturb> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("editor-save" as const), target: fc.constantFrom(...TARGETS), content }) },
  fc.record({ op: fc.constant("delete-target" as const), target: fc.constantFrom(...DISK_PATHS) }),
  fc.record({ op: fc.constant("source-replace" as const), source: fc.constantFrom("f0", "f1", "d0/a"), content }),
  fc.record({ op: fc.constant("source-edit" as const), source: fc.constantFrom("f0", "f1", "d0/a"), content }),
  fc.record({ op: fc.constant("source-delete" as const), source: fc.constantFrom("f1", "d0/b") }),
);

const rawScenarioArb = fc.record(
  {
    sources: fc.record(
      Object.fromEntries(
        SOURCE_FILES.map((f) => [f, f === "f2" ? fc.option(content, { nil: null }) : content.map((c): number | null => c)]),
      ) as Record<string, fc.Arbitrary<number | null>>,
    ),
    links: linksArb,
    disk: fc.record(Object.fromEntries(DISK_PATHS.map((p) => [p, diskItem])) as Record<string, fc.Arbitrary<DiskItem>>),
    parents: fc.record(Object.fromEntries(PARENTS.map((p) => [p, parentItem])) as Record<string, fc.Arbitrary<ParentItem>>),
    history: fc.option(fc.record({ links: linksArb, perturb: fc.array(perturbArb, { maxLength: 3 }) }), { nil: undefined }),
    policy: fc.constantFrom("backup" as const, "backup" as const, "adopt" as const, "overwrite" as const, undefined),
    prune: fc.boolean(),
  },
  { requiredKeys: ["sources", "links", "disk", "parents", "prune"] },
);

// An earlier run usually declared some of the same links (so that ok links, prune and
// diverged hard links occur): `keep` picks the current links the history shares.
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(rawScenarioArb, fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }))
  .map(([sc, keep]) => {
    if (!sc.history) return sc;
    const shared = sc.links.filter((_, i) => keep[i]);
    const taken = new Set(shared.map((l) => l.target.replace(/\/$/, "")));
    const all = [...shared, ...sc.history.links.filter((l) => !taken.has(l.target.replace(/\/$/, "")))];
    // One error blocks a whole apply: the earlier run declared only links that can be made.
    const blockedParent = (t: string) => ["file", "symlink-into-source"].includes(sc.parents[t.split("/")[0]!]?.kind ?? "");
    const bad = (l: LinkSpec) =>
      l.source === "gone" ||
      (l.type === "hardlink" && (l.source === "d0" || l.source === "d0/sub") && !l.tree) ||
      (l.source === "f2" && sc.sources.f2 === null) ||
      blockedParent(l.target);
    const links = all.filter((l) => !bad(l));
    // Editors mostly save over the hard links the earlier run made (diverged hard links).
    const hard = links.filter((l) => l.type === "hardlink" && !l.tree && !l.source.includes("*")).map((l) => l.target);
    const perturb = sc.history.perturb.map((p, i) =>
      p.op === "editor-save" && hard.length > 0 && i % 3 !== 2 ? { ...p, target: hard[i % hard.length]! } : p,
    );
    return { ...sc, history: { links, perturb } };
  });

/** The manifest as JSON (which is YAML): `source: s`, targets under HOME. */
export function manifestText(links: LinkSpec[], prune: boolean): string {
  return JSON.stringify({ version: 1, source: "s", prune, links }, null, 1) + "\n";
}
