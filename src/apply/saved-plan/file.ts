// The saved plan on disk: `plan --out FILE` writes it (temp + fsync + rename, so a reader never
// sees half a plan), `apply FILE` reads it back. Errors name the file (exit 1, no stack).

import { diag, UserError } from "../../diagnostic.js";
import type { Plan } from "../../plan/types.js";
import { errnoCode, writeFileAtomic, type FsRead, type FsWrite } from "../../platform/fs.js";
import { serializePlan } from "./document.js";
import { parsePlanJson } from "./parse.js";

export function writePlanFile(file: string, plan: Plan, fs: FsWrite): void {
  try {
    writeFileAtomic(fs, file, serializePlan(plan), 0o644);
  } catch (err) {
    const code = errnoCode(err) ?? String(err);
    throw new UserError([diag("io", `cannot write the plan to ${file}: ${code}`, { file })]);
  }
}

export function readPlanFile(file: string, fs: FsRead): Plan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError([diag("io", `cannot read the plan file ${file}: ${errnoCode(err) ?? String(err)}`, { file })]);
  }
  const parsed = parsePlanJson(text, file);
  if ("diagnostics" in parsed) throw new UserError(parsed.diagnostics);
  return parsed.plan;
}
