import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parsePlanJson, REASON_CODES } from "../../src/apply/saved-plan/parse.js";
import { renderJson } from "../../src/report/json.js";
import { REPO_ROOT } from "../helpers/cli.js";
import { everyKindPlan, HOME, link, makePlan, remove } from "../helpers/plan-fixtures.js";

const schema = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "plan.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

function valid(doc: unknown): boolean {
  const ok = validate(doc);
  if (!ok) console.error(validate.errors);
  return ok;
}

const plans = {
  "every kind": everyKindPlan(),
  empty: makePlan([]),
  "in sync": makePlan([link("ok", { reasonCode: "in-place", reason: "in place" })]),
  "replace with adopt": makePlan([
    link("replace", {
      type: "hardlink",
      linkText: undefined,
      resolution: "adopt",
      reasonCode: "diverged",
      reason: "diverged: editor replaced the file, contents differ; will adopt into the source",
      observed: { kind: "file", dev: 1, ino: 2, nlink: 1, size: 0, mtimeMs: 0 },
    }),
  ]),
  "special file and other source": makePlan([
    link("conflict", { reasonCode: "special-file", reason: "special file", observed: { kind: "other", what: "fifo" } }),
    link("error", { target: `${HOME}/.s`, reasonCode: "source-not-file-or-dir", reason: "source is a socket", sourceObserved: { kind: "other", realpath: `${HOME}/sock` } }),
  ]),
};

describe("renderJson", () => {
  it("writes one JSON document with formatVersion 1, the manifest, summary counts per kind and the actions", () => {
    const doc = JSON.parse(renderJson(everyKindPlan()));
    expect(Object.keys(doc)).toEqual(["formatVersion", "manifest", "summary", "actions"]);
    expect(doc.formatVersion).toBe(1);
    expect(doc.summary).toEqual({ ok: 1, create: 2, repair: 1, replace: 1, remove: 2, forget: 1, conflict: 1, error: 1 });
    expect(doc.actions).toHaveLength(10);
  });

  it("pins the key order of an action", () => {
    const doc = JSON.parse(renderJson(everyKindPlan()));
    const replace = doc.actions.find((a: { kind: string }) => a.kind === "replace");
    expect(Object.keys(replace)).toEqual([
      "kind", "type", "target", "source", "linkText", "reason", "reasonCode", "resolution",
      "mkdirs", "observed", "sourceObserved", "entry",
    ]);
    const rm = doc.actions.find((a: { kind: string }) => a.kind === "remove");
    expect(Object.keys(rm)).toEqual(["kind", "type", "target", "source", "linkText", "reason", "reasonCode", "observed"]);
  });

  it("keeps absolute paths (no ~)", () => {
    expect(renderJson(everyKindPlan())).not.toMatch(/"~/);
  });

  for (const [name, plan] of Object.entries(plans)) {
    it(`matches schema/plan.schema.json (${name})`, () => {
      expect(valid(JSON.parse(renderJson(plan)))).toBe(true);
    });
    it(`round-trips through parsePlanJson (${name})`, () => {
      const text = renderJson(plan);
      const back = parsePlanJson(text);
      expect("plan" in back).toBe(true);
      if ("plan" in back) expect(renderJson(back.plan)).toBe(text);
    });
  }

  it("the schema's reason codes are exactly the planner's", () => {
    expect([...schema.$defs.reasonCode.enum].sort()).toEqual([...REASON_CODES].sort());
  });

  it("the schema rejects a replace without a resolution and an unknown key", () => {
    const doc = JSON.parse(renderJson(makePlan([link("replace", { resolution: "backup" })])));
    delete doc.actions[0].resolution;
    expect(validate(doc)).toBe(false);
    const extra = JSON.parse(renderJson(makePlan([remove()])));
    extra.actions[0].surprise = 1;
    expect(validate(extra)).toBe(false);
  });
});

describe("parsePlanJson", () => {
  // Only a name to report (never opened).
  const PLAN_FILE = `${HOME}/plan.json`;
  const corrupt = (text: string) => {
    const r = parsePlanJson(text, PLAN_FILE);
    expect("diagnostics" in r).toBe(true);
    return "diagnostics" in r ? r.diagnostics : [];
  };

  it("reports invalid JSON as plan-file-corrupt naming the file", () => {
    const [d] = corrupt("{nope");
    expect(d).toMatchObject({ code: "plan-file-corrupt", file: PLAN_FILE });
  });

  it("refuses another formatVersion", () => {
    const doc = JSON.parse(renderJson(everyKindPlan()));
    doc.formatVersion = 2;
    expect(corrupt(JSON.stringify(doc))[0]).toMatchObject({ code: "plan-file-corrupt" });
  });

  it("names every wrong field by its path", () => {
    const doc = JSON.parse(renderJson(everyKindPlan()));
    doc.actions[1].observed = { kind: "file", dev: 1 };
    doc.actions[2].kind = "explode";
    const [d] = corrupt(JSON.stringify(doc));
    expect(d!.message).toContain("actions[1].observed.ino");
    expect(d!.message).toContain("actions[2].kind");
  });

  it("refuses a summary that disagrees with the actions", () => {
    const doc = JSON.parse(renderJson(everyKindPlan()));
    doc.summary.create = 0;
    expect(corrupt(JSON.stringify(doc))[0]!.message).toContain("summary.create");
  });

  it("drops unknown keys", () => {
    const doc = JSON.parse(renderJson(makePlan([link("create")])));
    doc.actions[0].extra = true;
    const r = parsePlanJson(JSON.stringify(doc));
    expect("plan" in r && "extra" in r.plan.actions[0]!).toBe(false);
  });
});
