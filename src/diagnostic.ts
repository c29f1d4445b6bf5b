// Errors are values: every user-facing problem is a Diagnostic, collected and returned next to
// a result. Only the CLI edge (cli/run.ts) turns them into output and an exit code.

export type DiagnosticCode =
  // manifest: discovery and parsing
  | "config-not-found"
  | "config-unreadable"
  | "yaml-syntax"
  | "json-syntax"
  | "js-config"
  | "config-ignored"
  // manifest: schema
  | "unknown-key"
  | "wrong-type"
  | "bad-value"
  | "missing-key"
  // manifest: semantic rules
  | "bad-version"
  | "duplicate-target"
  | "target-in-source"
  | "unset-variable"
  | "glob-into-file"
  | "bad-glob"
  // state
  | "state-corrupt"
  | "state-unreadable"
  // plan files
  | "plan-file-corrupt"
  | "plan-stale"
  // command line
  | "usage"
  | "selector-no-match"
  | "io";

export interface Diagnostic {
  code: DiagnosticCode;
  severity: "error" | "warning";
  message: string;
  /** Absolute path of the file the problem is in, when it is in a file. */
  file?: string;
  /** 1-based line and column of the offending node, when known. */
  line?: number;
  col?: number;
  /** 0-based character offset and length in the file, for the caret under the source line. */
  offset?: number;
  length?: number;
}

// A problem the user can fix: printed without a stack trace, exit code 1.
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: number;
  /** file → text, so that the edge can print the source line and a caret. */
  readonly sources: ReadonlyMap<string, string> | undefined;
  constructor(
    diagnostics: Diagnostic[] | string,
    exitCode = 1,
    sources?: ReadonlyMap<string, string>,
  ) {
    const list: Diagnostic[] =
      typeof diagnostics === "string"
        ? [{ code: "usage", severity: "error", message: diagnostics }]
        : diagnostics;
    super(list.map((d) => d.message).join("\n"));
    this.name = "UserError";
    this.diagnostics = list;
    this.exitCode = exitCode;
    this.sources = sources;
  }
}

// Something that should never happen: printed as "this is a bug" with the stack.
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InternalError";
  }
}

export function diag(
  code: DiagnosticCode,
  message: string,
  at?: { file?: string; line?: number; col?: number; offset?: number; length?: number },
): Diagnostic {
  return { code, severity: "error", message, ...at };
}

/** Warnings that only inform (nothing needs the user): -q hides them. */
export function needsUser(d: Diagnostic): boolean {
  return d.code !== "config-ignored";
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

// Sorted by file and position (stable), each problem once: the user fixes them top to bottom.
export function inFileOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}\0${d.file ?? ""}\0${d.line ?? 0}\0${d.col ?? 0}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => {
    const fa = a.file ?? "";
    const fb = b.file ?? "";
    return fa < fb ? -1 : fa > fb ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
  });
}
