// The plan as one JSON document: `plan --json`. The document and its format belong to the
// saved plan (apply/saved-plan/document.ts): `plan --out` saves these very bytes.

import { serializePlan } from "../apply/saved-plan/document.js";
import type { Plan } from "../plan/types.js";

// The plan document, pretty-printed, ending in a newline.
export function renderJson(plan: Plan): string {
  return serializePlan(plan);
}
