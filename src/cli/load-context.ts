// The read-only half every command shares: settings → host facts → manifest → state → observation
// → plan. Throws a UserError carrying the manifest texts (for carets; cli/run.ts prints it) with
// every diagnostic at once; returns warnings for the command to print.

import { readJournal, replayJournal } from "../state/replay.js";
import { UserError, hasErrors, needsUser, type Diagnostic } from "../diagnostic.js";
import { loadManifest, type LoadOptions, type LocateResult } from "../manifest/load.js";
import type { ConflictPolicy, HostFacts, Manifest } from "../manifest/types.js";
import type { DesiredLink } from "../expand/types.js";
import type { Observation } from "../observe/types.js";
import { skippedEntries } from "../plan/skipped.js";
import { observeAndPlan } from "../pipeline/pipeline.js";
import type { Plan } from "../plan/types.js";
import { realFsRead, type FsRead } from "../platform/fs.js";
import { readHostFacts } from "../platform/host.js";
import { displayPath, path } from "../platform/paths.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { renderSkippedText } from "../report/skipped.js";
import { createProgress, progressWanted, type Progress, type ProgressFn } from "../report/progress.js";
import { readState, stateFilePath } from "../state/read.js";
import type { State } from "../state/types.js";
import type { Settings } from "./args.js";
import { selectionFor } from "./selectors.js";
import type { IO } from "./io.js";

export interface Context {
  host: HostFacts;
  manifest: Manifest;
  /** Manifest file → its text, for the source line and caret under a diagnostic. */
  sources: Map<string, string>;
  stateFile: string;
  state: State;
  observation: Observation;
  plan: Plan;
  /** Warnings from every stage (errors are thrown instead). */
  warnings: Diagnostic[];
}

export interface ContextOptions {
  /** Overrides settings.conflict (e.g. apply reading a saved plan's policy). */
  conflict?: ConflictPolicy;
  /** Read-only file system; the real one by default. */
  fs?: FsRead;
  /** A progress line for long observations (display only). */
  progress?: ProgressFn;
  /** The manifest and state file, when the caller already loaded them (loadManifestContext). */
  located?: ManifestContext;
}

/** The first half of a Context: what is declared and what linkfarm recorded. */
export type BaseContext = Pick<Context, "host" | "manifest" | "sources" | "stateFile" | "state" | "warnings">;

/** The manifest and where its state lives, before the state is read. */
export type ManifestContext = Pick<Context, "host" | "manifest" | "sources" | "stateFile" | "warnings"> & {
  /**
   * The manifest's text when it is YAML or JSON and loaded without any diagnostic (not even one
   * -q hides): what the verdict cache's text key is made of (pipeline/verdict.ts).
   */
  text?: string;
};

// Settings → host facts, the valid manifest (`config` overrides -c, e.g. a saved plan's
// manifest) and its state file path. Throws a UserError on any manifest error.
export async function loadManifestContext(settings: Settings, config?: string, pre?: LocateResult): Promise<ManifestContext> {
  const host = readHostFacts(settings.env);
  const loaded = await loadManifest(manifestOptions(settings, host, config), pre);
  const sources = loaded.sources;
  if (!loaded.manifest || hasErrors(loaded.diagnostics)) throw new UserError(loaded.diagnostics, 1, sources);
  const manifest = loaded.manifest;
  const stateFile = stateFileOf(settings, manifest.file, host);
  const warnings = loaded.diagnostics.filter((d) => !settings.quiet || needsUser(d));
  const text = loaded.diagnostics.length === 0 ? sources.get(manifest.file) : undefined;
  return { host, manifest, sources, stateFile, warnings, ...(text !== undefined ? { text } : {}) };
}

/** Where `loadManifest` looks: -c (or `config`, e.g. a saved plan's manifest), else up from cwd. */
export function manifestOptions(settings: Settings, host: HostFacts, config?: string): LoadOptions {
  const file = config ?? (settings.config !== undefined ? path.resolve(settings.cwd, settings.config) : undefined);
  return { cwd: settings.cwd, host, ...(file !== undefined ? { config: file } : {}) };
}

/** The state file of the manifest `file` (--state overrides). */
export function stateFileOf(settings: Settings, file: string, host: HostFacts): string {
  return stateFilePath(file, host, settings.state !== undefined ? path.resolve(settings.cwd, settings.state) : undefined);
}

// The recorded state, read-only. A journal left by a killed apply holds completed actions:
// read-only commands see them in memory (apply replays it for real, under the lock).
export function readStateReplayed(located: ManifestContext, fs: FsRead): State {
  const { manifest, sources, stateFile } = located;
  const read = readState(stateFile, manifest.file, fs);
  if ("diagnostics" in read) throw new UserError(read.diagnostics, 1, sources);
  return replayJournal(read.state, readJournal(stateFile, fs), fs);
}

// Manifest and state only (status, unlink, or apply of a saved plan need no fresh plan).
export async function loadBase(settings: Settings, options: ContextOptions = {}): Promise<BaseContext> {
  const located = options.located ?? (await loadManifestContext(settings));
  return { ...located, state: readStateReplayed(located, options.fs ?? realFsRead) };
}

// Everything a command needs to decide, read without changing anything on disk.
export async function loadContext(settings: Settings, options: ContextOptions = {}): Promise<Context> {
  const base = await loadBase(settings, options);
  const { host, manifest, sources, state } = base;
  const fs = options.fs ?? realFsRead;
  const conflict = options.conflict ?? settings.conflict;

  const done = observeAndPlan(manifest, state, { fs, host, ...(options.progress ? { progress: options.progress } : {}) }, {
    ...(conflict ? { conflict } : {}),
    select: (desired) => selectionFor(settings, host.home, { entries: manifest.links, desired, state }),
  });
  if (!done.plan) throw new UserError(done.diagnostics, 1, sources);
  const warnings = [...base.warnings, ...done.diagnostics];
  return { ...base, observation: done.observation, plan: done.plan, warnings };
}

// A progress line on stderr when a human watches a terminal (never for JSON, quiet or a pipe).
export function progressFor(settings: Settings, io: IO): Progress | undefined {
  if (!progressWanted({ stderrIsTTY: io.stderrIsTTY, format: settings.format, quiet: settings.quiet, env: settings.env })) {
    return undefined;
  }
  const home = readHostFacts(settings.env).home;
  return createProgress({ write: (t) => io.stderr(t), display: (p) => displayPath(p, home) });
}

// -v (text): the entries `when` or `optional` left out of `desired`, one line each with why
// (plan, apply --dry-run and apply alike).
export function printSkipped(io: IO, settings: Settings, manifest: Manifest, desired: readonly DesiredLink[], host: HostFacts): void {
  if (!settings.verbose || settings.format !== "text") return;
  io.stdout(renderSkippedText(skippedEntries(manifest, desired, host), { home: host.home, color: settings.color }));
}

// Diagnostics to stderr as FILE:LINE:COL with carets. Returns nothing; the caller picks the exit.
export function printDiagnostics(
  io: IO,
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string> | undefined,
  color: boolean,
): void {
  if (diagnostics.length === 0) return;
  io.stderr(formatDiagnostics(diagnostics, { color, ...(sources ? { sources } : {}) }));
}
