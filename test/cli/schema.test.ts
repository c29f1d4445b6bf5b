import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { sandbox } from "../helpers/sandbox.js";

const SCHEMA_FILE = path.join(REPO_ROOT, "schema", "linkfarm.schema.json");

describe("linkfarm schema prints the manifest's JSON Schema", () => {
  it("prints schema/linkfarm.schema.json verbatim", async () => {
    const sb = sandbox();
    const r = await runCli(["schema"], { cwd: sb.root, env: sb.env });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd()).toBe(fs.readFileSync(SCHEMA_FILE, "utf8").trimEnd());
  });

  it("is draft 2020-12 with an $id, and every property has a description", () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/linkfarm\.schema\.json$/);
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== "object") return;
      const n = node as Record<string, unknown>;
      if (n.type === "object" && n.additionalProperties === undefined) missing.push(`${at}: additionalProperties`);
      for (const [key, sub] of Object.entries((n.properties as Record<string, unknown>) ?? {})) {
        const s = sub as Record<string, unknown>;
        const target = typeof s.$ref === "string" ? resolveRef(schema, s.$ref) : s;
        if (typeof target.description !== "string") missing.push(`${at}/${key}: description`);
        walk(sub, `${at}/${key}`);
      }
      for (const k of ["items", "additionalProperties"]) walk(n[k], `${at}/${k}`);
      for (const k of ["anyOf", "oneOf"]) (n[k] as unknown[] | undefined)?.forEach((b, i) => walk(b, `${at}/${k}/${i}`));
      for (const [k, d] of Object.entries((n.$defs as Record<string, unknown>) ?? {})) walk(d, `#/$defs/${k}`);
    };
    walk(schema, "#");
    expect(missing).toEqual([]);
  });
});

function resolveRef(root: Record<string, unknown>, ref: string): Record<string, unknown> {
  let cur: unknown = root;
  for (const seg of ref.replace(/^#\//, "").split("/")) cur = (cur as Record<string, unknown>)[seg];
  return cur as Record<string, unknown>;
}
