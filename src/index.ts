// The library: the same engine as the CLI, typed, with the JSON plan as its data model.

export type { Diagnostic, DiagnosticCode } from "./diagnostic.js";
export { UserError, InternalError } from "./diagnostic.js";
export type * from "./manifest/types.js";
export type * from "./observe/types.js";
export type * from "./plan/types.js";
export type * from "./state/types.js";
