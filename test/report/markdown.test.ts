import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/report/markdown.js";
import { everyKindPlan, HOME, link, makePlan } from "../helpers/plan-fixtures.js";
import { tilde } from "../helpers/posix.js";

// Split a GFM table row into cells, honouring `\|` escapes.
function cells(row: string): string[] {
  expect(row.startsWith("|") && row.endsWith("|")).toBe(true);
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

function table(md: string): string[] {
  return md.split("\n").filter((l) => l.startsWith("|"));
}

describe("renderMarkdown", () => {
  it("prints a summary line and a valid GFM table: header, separator row, same column count in each row", () => {
    const md = renderMarkdown(everyKindPlan(), { home: HOME });
    expect(md.split("\n")[0]).toContain("Plan: 2 to create");
    const rows = table(md);
    expect(cells(rows[0]!)).toEqual(["", "Kind", "Target", "Source", "Reason"]);
    expect(cells(rows[1]!).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    for (const r of rows) expect(cells(r)).toHaveLength(5);
    expect(rows).toHaveLength(2 + 9);
  });

  it("lists rows grouped by kind, errors first, ok links left out", () => {
    const kinds = table(renderMarkdown(everyKindPlan(), { home: HOME }))
      .slice(2)
      .map((r) => cells(r)[1]);
    expect(kinds).toEqual(["error", "conflict", "create", "create", "repair", "replace", "remove", "remove", "forget"]);
  });

  it("escapes | and newlines in cells so that one action stays one row", () => {
    const md = renderMarkdown(
      makePlan([link("create", { target: `${HOME}/a|b`, reason: "odd\nreason | with pipe" })]),
      { home: HOME },
    );
    const rows = table(md);
    expect(rows).toHaveLength(3);
    expect(cells(rows[2]!)).toHaveLength(5);
    expect(rows[2]).toContain(`\`${tilde("a")}\\|b\``);
    expect(md).not.toContain("odd\n");
  });

  it('says "No changes" when in sync', () => {
    const md = renderMarkdown(makePlan([link("ok", { reasonCode: "in-place", reason: "in place" })]), { home: HOME });
    expect(md).toContain("No changes");
    expect(table(md)).toHaveLength(0);
  });

  it("ends a blocked plan with the hint as a quote", () => {
    const md = renderMarkdown(everyKindPlan(), { home: HOME });
    expect(md).toMatch(/\n> .*--conflict backup/);
  });
});
