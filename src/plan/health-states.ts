// The health states of `status`, in its own import-free module: the CLI table (completion/spec.ts)
// lists them in `status --help` on every start, without loading the health rule itself.

/**
 * ok: as linkfarm made it. dangling: our symlink, its destination gone. diverged: a hard link
 * whose target or source is no longer the same data (an editor saved by rename). changed: a
 * symlink now holding other text. replaced: something else is at the path. missing: nothing is.
 */
export const HEALTH_STATES = ["ok", "dangling", "diverged", "changed", "replaced", "missing"] as const;
export type Health = (typeof HEALTH_STATES)[number];
