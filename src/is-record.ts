// A parsed JSON or YAML value that is a map (an object, not an array, not null): the one test
// every reader of untyped documents (state, saved plans, manifests, imports) makes first.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
