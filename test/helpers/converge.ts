// One property-test case, end to end on a real disk: write a generated scenario, then check
// linkfarm's promises with the real CLI run in-process (plan, apply, apply again, unlink
// --restore). Throws (with the failing step) when a promise does not hold.

import * as fs from "node:fs";
import * as path from "node:path";
import { runCli, type CliResult } from "./cli.js";
import { manifestText, type Scenario } from "./gen.js";
import { layout, perturb, writeDisk, writeWorld, type Layout } from "./gen-disk.js";
import { baseEnv, snapshotTree, tempRoot, type Snapshot, type SnapshotEntry } from "./sandbox.js";

interface JsonAction {
  kind: string;
  reasonCode: string;
  target: string;
  source?: string;
  resolution?: string;
  mode?: string;
  sourceObserved?: { realpath?: string };
}
interface JsonPlan {
  summary: Record<string, number>;
  actions: JsonAction[];
}

class Broken extends Error {}

function check(ok: boolean, what: string, detail?: unknown): void {
  if (!ok) throw new Broken(`${what}${detail === undefined ? "" : `\n${JSON.stringify(detail, null, 1)}`}`);
}

function clean(r: CliResult, step: string): void {
  check(!/internal error|\n\s+at /.test(r.stderr), `${step}: internal error or stack trace`, r.stderr);
}

/** Entries outside the state directory (the lock file comes and goes). */
function userView(s: Snapshot): Snapshot {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k !== "state" && !k.startsWith("state/")));
}

function sameContent(a: SnapshotEntry | undefined, b: SnapshotEntry | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === "file" && b.kind === "file") return a.sha === b.sha;
  if (a.kind === "symlink" && b.kind === "symlink") return a.text === b.text;
  return true;
}

function diff(a: Snapshot, b: Snapshot): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

/** Hashes present in `before` and nowhere in `after`, except those only at `excused` paths. */
function lostHashes(before: Snapshot, after: Snapshot, excused: Set<string>): string[] {
  const have = new Set<string>();
  for (const e of Object.values(after)) if (e.kind === "file") have.add(e.sha);
  const lost: string[] = [];
  const where = new Map<string, string[]>();
  for (const [k, e] of Object.entries(before)) if (e.kind === "file") where.set(e.sha, [...(where.get(e.sha) ?? []), k]);
  for (const [sha, paths] of where) {
    if (have.has(sha)) continue;
    if (paths.every((p) => excused.has(p))) continue;
    lost.push(`${sha.slice(0, 8)} at ${paths.join(", ")}`);
  }
  return lost;
}

/** Paths the state file names (links, created dirs, backups): unlink may remove or restore them. */
function readStatePaths(L: Layout): string[] {
  const dir = path.join(L.root, "state");
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith(".json")) continue;
    const s = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as {
      backups?: { backup: string }[];
      links?: Record<string, unknown>;
      dirs?: string[];
    };
    for (const b of s.backups ?? []) out.push(b.backup);
    out.push(...Object.keys(s.links ?? {}), ...(s.dirs ?? []));
  }
  return out;
}

// What one case exercised, for the generator-coverage checks.
export interface CaseStats {
  applied: boolean;
  blocked: boolean;
  /** `kind/reasonCode` of every action in the first plan (for generator coverage). */
  seen: string[];
}

// Runs one scenario in a fresh temp directory (removed afterwards).
export async function runCase(sc: Scenario): Promise<CaseStats> {
  const root = tempRoot("linkfarm-prop-");
  try {
    return await runIn(layout(root), sc);
  } finally {
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function runIn(L: Layout, sc: Scenario): Promise<CaseStats> {
  const env = { HOME: L.home, LINKFARM_STATE_DIR: path.join(L.root, "state"), ...baseEnv(), LF_ON: "1" };
  const cli = (...args: string[]) => runCli([...args, "-c", L.manifest], { cwd: L.repo, env });
  // Snapshot keys use `/` on every platform.
  const rel = (abs: string) => path.relative(L.root, abs).split(path.sep).join("/");
  // Where a path really is (the snapshot walks real directories, not symlinked parents).
  const realRel = (abs: string) => {
    try {
      return rel(path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs)));
    } catch {
      return rel(abs);
    }
  };

  writeWorld(L, sc);
  writeDisk(L, sc);
  if (sc.history) {
    fs.writeFileSync(L.manifest, manifestText(sc.history.links, true));
    const h = await cli("apply", "--conflict", "backup");
    clean(h, "history apply");
    perturb(L, sc.history.perturb);
    fs.writeFileSync(L.manifest, manifestText(sc.links, sc.prune));
  }
  const policy = sc.policy ? ["--conflict", sc.policy] : [];
  const managed = readStatePaths(L).flatMap((p) => [rel(p), realRel(p)]);

  // 1. plan changes nothing.
  const s0 = snapshotTree(L.root);
  const p0 = await cli("plan", "--json", ...policy);
  clean(p0, "plan");
  check(p0.code === 0 || p0.code === 1, "plan exits 0 or 1", p0);
  check(diff(s0, snapshotTree(L.root)).length === 0, "plan changed the disk", diff(s0, snapshotTree(L.root)));
  for (const ro of [["apply", "--dry-run", ...policy], ["status"], ["unlink", "--dry-run", "--restore"]]) {
    const r = await cli(...ro);
    clean(r, ro.join(" "));
    check(diff(s0, snapshotTree(L.root)).length === 0, `${ro.join(" ")} changed the disk`, diff(s0, snapshotTree(L.root)));
  }
  if (p0.stdout === "") {
    // A manifest-level error (e.g. a glob into one file): nothing planned, nothing to apply.
    check(p0.code === 1 && p0.stderr !== "", "no plan without an error message", p0);
    const a = await cli("apply", ...policy);
    check(a.code === 1 && diff(s0, snapshotTree(L.root)).length === 0, "apply of an invalid manifest changed the disk");
    return { applied: false, blocked: true, seen: [] };
  }
  const plan = JSON.parse(p0.stdout) as JsonPlan;
  const seen = plan.actions.map((x) => `${x.kind}/${x.reasonCode}`);
  const blocked = plan.summary.conflict! + plan.summary.error! > 0;
  check(blocked === (p0.code === 1), "plan exit code matches blocked", plan.summary);

  // 2. apply converges, or changes nothing when blocked.
  const a1 = await cli("apply", ...policy);
  clean(a1, "apply");
  const s1 = snapshotTree(L.root);
  if (blocked) {
    check(a1.code === 1, "a blocked apply exits 1", a1);
    check(diff(userView(s0), userView(s1)).length === 0, "a blocked apply changed the disk", diff(userView(s0), userView(s1)));
    return { applied: false, blocked: true, seen };
  }
  check(a1.code === 0, "apply of an unblocked plan exits 0", { a1, plan: plan.summary });
  const p1 = await cli("plan", "--json", ...policy);
  const after = JSON.parse(p1.stdout) as JsonPlan;
  const pending = after.actions.filter((x) => x.kind !== "ok");
  check(p1.code === 0 && pending.length === 0, "plan after apply shows no changes", pending);
  const a2 = await cli("apply", ...policy);
  check(a2.code === 0 && a2.stdout.startsWith("No changes."), "second apply is a no-op", a2);
  check(diff(s1, snapshotTree(L.root)).length === 0, "second apply changed the disk", diff(s1, snapshotTree(L.root)));

  // 3. no bytes lost (except what overwrite discards by request and what adopt replaces in the source).
  const excused = new Set<string>();
  const vanish = new Set<string>(managed);
  for (const x of plan.actions) {
    const t = rel(x.target);
    if (x.kind === "replace" && x.resolution === "overwrite") excused.add(t).add(realRel(x.target));
    if (x.kind === "replace" && x.resolution === "adopt" && x.sourceObserved?.realpath) {
      // adopt writes into the source in place: every name of the source's inode changes.
      const src = s0[rel(x.sourceObserved.realpath)];
      for (const [k, e] of Object.entries(s0)) {
        if (k === rel(x.sourceObserved.realpath) || (src?.kind === "file" && e.kind === "file" && e.ino === src.ino)) {
          excused.add(k);
          vanish.add(k);
        }
      }
    }
    // A backed-up target must come back exactly; everything else linkfarm replaced may be gone.
    const backedUp = x.kind === "replace" && x.resolution === "backup";
    if (!backedUp && ["ok", "repair", "replace", "remove"].includes(x.kind)) vanish.add(t).add(realRel(x.target));
  }
  const lost1 = lostHashes(userView(s0), userView(s1), excused);
  check(lost1.length === 0, "apply lost bytes", lost1);

  // 4. unlink --restore puts back what was there (links gone, backups back in place).
  const u = await cli("unlink", "--restore");
  clean(u, "unlink");
  check(u.code === 0, "unlink --restore exits 0", u);
  const s2 = snapshotTree(L.root);
  const lost2 = lostHashes(userView(s0), userView(s2), excused);
  check(lost2.length === 0, "unlink lost bytes", lost2);
  const b = userView(s0);
  const c = userView(s2);
  const under = (p: string) => [...vanish].some((v) => p === v || p.startsWith(`${v}/`));
  const changed = Object.keys(b).filter((k) => !under(k) && !sameContent(b[k], c[k]) && !(sc.history && b[k]!.kind === "dir" && !c[k]));
  check(changed.length === 0, "unlink --restore did not put these back", changed.map((k) => [k, b[k], c[k]]));
  const isBak = (k: string) => /\.linkfarm-bak(\.\d+)?(\/|$)/.test(k);
  const extra = Object.keys(c).filter((k) => !(k in b) && !(sc.history && (isBak(k) || under(k) || c[k]!.kind === "dir")));
  // Without history every backup has a free target after unlink, so nothing new remains;
  // with history, older backups come back where an earlier run had replaced something.
  check(extra.length === 0, "unlink --restore left new paths", extra);
  return { applied: true, blocked: false, seen };
}
