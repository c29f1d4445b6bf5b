// `linkfarm schema`: print schema/linkfarm.schema.json. It is compiled into the bundle (see
// scripts/gen-validator.mjs), so no file is located at run time.

import { schemaText } from "../../manifest/generated/schema.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

export async function runSchema(_settings: Settings, io: IO): Promise<number> {
  io.stdout(schemaText.endsWith("\n") ? schemaText : schemaText + "\n");
  return 0;
}
