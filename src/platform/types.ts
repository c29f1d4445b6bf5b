// The facts platform/ works with, below the manifest: a link's kind, the machine's facts, and
// whether this process may make symlinks. manifest/types.ts re-exports them.

/** A concrete kind of link (a manifest's `auto` is decided by the planner, plan/auto.ts). */
export type LinkType = "symlink" | "hardlink" | "junction";

/** Facts about this machine, read once (platform/host.ts) and passed down. */
export interface HostFacts {
  os: string;
  hostname: string;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * May this process make symlinks? Read without making one (platform/host.ts symlinkRights):
 * "unknown" lets apply try a symlink first and fall back (type: auto).
 */
export type SymlinkRights = "allowed" | "refused" | "unknown";
