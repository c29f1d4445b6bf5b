import { UserError } from "../../diagnostic.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

export async function runImport(_settings: Settings, _io: IO): Promise<number> {
  throw new UserError("`linkfarm import` is not implemented yet");
}
