// The library: the same engine as the CLI, typed, with the JSON plan as its data model.
//
//   const host = readHostFacts(process.env);
//   const loaded = await loadManifest({ cwd, host });
//   const { plan: p } = observeAndPlan(loaded.manifest, state, { fs: realFsRead, host });
//
// observeAndPlan is the CLI's pipeline (listSources → expand → observeTargets → plan);
// observe() and plan() are its two halves.

export type { Diagnostic, DiagnosticCode } from "./diagnostic.js";
export { UserError, InternalError } from "./diagnostic.js";
export type * from "./manifest/types.js";
export type * from "./observe/types.js";
export type * from "./plan/types.js";
export type * from "./state/types.js";
export type * from "./apply/types.js";
export { ACTION_KINDS, isBlocked, hasChanges } from "./plan/types.js";

// manifest → observation → plan → apply
export { loadManifest, type LoadOptions, type LoadResult } from "./manifest/load.js";
export { observe, type ObserveDeps, type ObserveResult } from "./observe/observe.js";
export { plan, type PlanOptions } from "./plan/plan.js";
export { observeAndPlan, type PipelineOptions, type PipelineResult } from "./pipeline/pipeline.js";
export { apply, blockers } from "./apply/apply.js";

// state
export { emptyState } from "./state/types.js";
export { readState, stateFilePath } from "./state/read.js";
export { writeStateFile } from "./state/write.js";
export { recoverState } from "./apply/recover.js";
export { readJournal, replayJournal } from "./state/replay.js";

// reports
export { renderText, type TextOptions } from "./report/text.js";
export { renderJson } from "./report/json.js";
export { parsePlanJson } from "./apply/saved-plan/parse.js";
export { renderMarkdown, type MarkdownOptions } from "./report/markdown.js";
export { formatDiagnostics } from "./report/diagnostics.js";

// platform
export { realFs, realFsRead, type FsRead, type FsWrite } from "./platform/fs.js";
export { readHostFacts, symlinkRights } from "./platform/host.js";
