// The budgets of issue #16, each from ratios measured side by side in one run of bench/run.mjs.
// budgetRows(run) → [[budget, measured, verdict]]; a budget whose farm or scenario was not run
// says "not measured". Budgets this branch does not work on are measured as they stand.

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const x = (v, digits = 2) => (Number.isFinite(v) ? `${v.toFixed(digits)}×` : "n/a");
const verdict = (ok) => (ok === undefined ? "not measured" : ok ? "**met**" : "**missed**");
const check = (v, limit, dir) => (Number.isFinite(v) ? (dir === "<=" ? v <= limit : v >= limit) : undefined);
const all = (oks) => (oks.some((o) => o === undefined) ? undefined : oks.every(Boolean));
const label = ([n, p]) => `${n >= 1000 ? `${n / 1000}k` : n}/${p}`;

// run: { startMed(name), medAt([N, P], name), rssAt([N, P], name), farm([N, P]) → result?,
//        names: { plan60(node), node0(node), nocache60(node), warm60(node), nodeFloor, applyFloor }, nodes }
export function budgetRows(run) {
  const { startMed, medAt, rssAt, farm, names, nodes } = run;
  const rows = [];

  // 1. Start-up. Two readings of "an in-sync plan": after an in-sync apply (what a user who
  // applied runs; the verdict cache answers) — the verdict — and of a farm linkfarm never
  // applied (no state: Stow's situation; the uncached pipeline), reported beside it.
  {
    const ratio = (name, n) => startMed(name(n)) / startMed(names.node0(n));
    const [first, ...others] = nodes;
    const v = ratio(names.warm60, first);
    const detail = (n) => {
      const cold = ratio(names.nocache60, n);
      return `no state (uncached pipeline) ${x(ratio(names.plan60, n))}${Number.isFinite(cold) ? `, without the code cache ${x(cold)}` : ""}`;
    };
    const more = others.map((n) => `Node ${n.major}: ${x(ratio(names.warm60, n))} (${detail(n)})`);
    rows.push([
      `1. start-up: in-sync \`plan\`, 60 links / 12 packages ≤ 1.5× \`node -e 0\` (Node ${first.major}; after an in-sync apply)`,
      `${x(v)} (${fmt(startMed(names.warm60(first)))} vs ${fmt(startMed(names.node0(first)))}; ${detail(first)})${more.length ? `; ${more.join("; ")}` : ""}`,
      verdict(check(v, 1.5, "<=")),
    ]);
  }

  // 2. The drift check: the in-sync plan with a warm verdict cache (after an in-sync apply with
  // the same state dir) against Stow's no-op. Budget 3 keeps the uncached in-sync plan.
  const drift = [[[10_000, 500], 10], [[5_000, 50], 5], [[100_000, 5_000], 20]];
  for (const [size, want] of drift) {
    const lf = medAt(size, "linkfarm plan, in sync, warm cache");
    const v = medAt(size, "stow, in sync (no-op)") / lf;
    rows.push([
      `2. drift check ${label(size)}: in-sync \`plan\`, warm cache, ≥ ${want}× faster than Stow's no-op`,
      `${x(v)}${Number.isFinite(lf) ? ` (${fmt(lf)})` : ""}`,
      verdict(check(v, want, ">=")),
    ]);
  }

  // 3. Uncached observation against the plain Node floor.
  for (const size of [[10_000, 500], [5_000, 50]]) {
    const lf = medAt(size, "linkfarm plan, in sync");
    const floor = medAt(size, names.nodeFloor);
    rows.push([
      `3. uncached observation ${label(size)}: in-sync \`plan\` ≤ 2× the plain Node script`,
      `${x(lf / floor)} (${fmt(lf)} ÷ ${fmt(floor)})`,
      verdict(check(lf / floor, 2, "<=")),
    ]);
  }

  // 4. Apply from scratch against Stow, with system calls per link next to the C floor's.
  for (const size of [[10_000, 500], [5_000, 50], [100_000, 5_000]]) {
    const lf = medAt(size, "linkfarm apply, from scratch");
    const v = medAt(size, "stow, from scratch") / lf;
    const f = farm(size);
    const calls =
      f && Number.isFinite(f.applyPerLink)
        ? `; system calls per link ${f.applyPerLink.toFixed(2)} (C floor ${Number.isFinite(f.floorPerLink) ? f.floorPerLink.toFixed(2) : "n/a"})`
        : "";
    const floor = medAt(size, names.applyFloor);
    const floorNote = Number.isFinite(floor) ? `; the mkdir+symlink calls alone, in C: ${fmt(floor)}` : "";
    rows.push([
      `4. apply from scratch ${label(size)}: ≥ 1.5× faster than \`stow --no-folding\``,
      `${x(v)} (${Number.isFinite(lf) ? fmt(lf) : "n/a"}${floorNote}${calls})`,
      verdict(check(v, 1.5, ">=")),
    ]);
  }

  // 5. Memory at 100k, and growth 10k → 100k (time of every linkfarm scenario, and peak RSS).
  {
    const big = farm([100_000, 5_000]);
    const base = farm([10_000, 500]);
    if (!big || !base) {
      rows.push(["5. memory: 100k peak RSS < 200 MB; growth 10k → 100k ≤ 11×", "run with --big", verdict(undefined)]);
    } else {
      const lfNames = big.scenarios.filter((s) => s.name.startsWith("linkfarm")).map((s) => s.name);
      const peak = Math.max(...lfNames.map((n) => rssAt([100_000, 5_000], n)));
      const growth = lfNames.map((n) => [n, medAt([100_000, 5_000], n) / medAt([10_000, 500], n)]);
      const rssGrowth = Math.max(...lfNames.map((n) => rssAt([100_000, 5_000], n) / rssAt([10_000, 500], n)));
      const worst = Math.max(...growth.map(([, g]) => g));
      rows.push([
        "5. memory: 100k peak RSS < 200 MB; growth 10k → 100k ≤ 11× (time, every scenario; and RSS)",
        `${Number.isFinite(peak) ? `${peak.toFixed(0)} MB` : "n/a"}; time ${growth.map(([n, g]) => `${n.replace("linkfarm ", "")}: ${x(g, 1)}`).join(", ")}; RSS ${x(rssGrowth, 1)}`,
        verdict(all([check(peak, 199.99, "<="), check(worst, 11, "<="), check(rssGrowth, 11, "<=")])),
      ]);
    }
  }
  return rows;
}
