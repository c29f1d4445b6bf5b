// The state file: what linkfarm made, so that it can prune exactly that and nothing else.

import type { LinkType } from "../manifest/types.js";

export const STATE_FORMAT_VERSION = 1;

export interface StateLink {
  type: LinkType;
  /** Absolute source path the link was made to. */
  source: string;
  /** For symlinks and junctions: the exact text stored in the link. */
  linkText?: string;
  /** For hard links: the identity of the data (the source's device and inode when linked). */
  dev?: number;
  ino?: number;
  /** ISO time the link was made or last repaired. Display only. */
  madeAt?: string;
  /**
   * The name of the manifest entry that made it, so that `linkfarm apply NAME` prunes exactly
   * that entry's links. Absent in state files written before entries had names: such a link
   * is inside a name selection when its source lies under a selected entry's source path.
   */
  name?: string;
}

export interface StateBackup {
  /** The path that was in the way. */
  target: string;
  /** Where it was renamed to (a sibling `TARGET.linkfarm-bak[.N]`). */
  backup: string;
  /** ISO time. Display only. */
  at?: string;
  /**
   * Set when `target` is a link's source whose content was overwritten in place (conflict
   * newer, the target won): the link target that held the winning content. `unlink --restore`
   * gives that content its name back there, then puts this backup back at the source.
   */
  link?: string;
}

export interface State {
  formatVersion: typeof STATE_FORMAT_VERSION;
  /** Absolute path of the manifest this state belongs to. */
  manifest: string;
  /** Target path → what linkfarm made there. */
  links: Record<string, StateLink>;
  /** Directories linkfarm created (mkdirs), absolute. */
  dirs: string[];
  backups: StateBackup[];
}

// The record with the entry name that made it (none: the record unchanged).
export function withName(link: StateLink, name: string | undefined): StateLink {
  return name === undefined ? link : { ...link, name };
}

export function emptyState(manifest: string): State {
  return { formatVersion: STATE_FORMAT_VERSION, manifest, links: {}, dirs: [], backups: [] };
}
