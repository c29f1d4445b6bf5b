// `unlink --restore`: rename recorded backups back into place when their target is free.
// Never over anything: a target that is occupied keeps its backup where it is.

import type { FsWrite } from "../platform/fs.js";
import type { State, StateBackup } from "../state/types.js";
import type { Observed } from "../observe/types.js";
import { probeNow } from "../observe/probe.js";

export interface RestoreOutcome {
  target: string;
  backup: string;
  status: "restored" | "would-restore" | "occupied" | "missing";
}

// The newest backup of each target wins (the one closest to what was there last).
function latestPerTarget(backups: readonly StateBackup[]): StateBackup[] {
  const byTarget = new Map<string, StateBackup>();
  for (const b of backups) byTarget.set(b.target, b);
  return [...byTarget.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

function sameFile(x: Observed, y: Observed): boolean {
  return x.kind === "file" && y.kind === "file" && x.dev === y.dev && x.ino === y.ino;
}

// Mutates `state.backups` (drops restored and vanished ones) unless dryRun.
// In a dry run, `freed` names the targets the plan would remove first. `only` (a selection):
// restore the backups of these targets and leave the others recorded.
export function restoreBackups(
  state: State,
  fs: FsWrite,
  opts: { dryRun: boolean; freed?: ReadonlySet<string>; only?: ReadonlySet<string> },
): RestoreOutcome[] {
  const out: RestoreOutcome[] = [];
  const drop = new Set<StateBackup>();
  for (const b of latestPerTarget(state.backups)) {
    if (opts.only && !opts.only.has(b.link ?? b.target)) continue;
    // Each path looked at once: nothing here changes them before the act below.
    const bak = probeNow(b.backup, fs);
    if (bak.kind === "missing") {
      out.push({ target: b.target, backup: b.backup, status: "missing" });
      drop.add(b);
      continue;
    }
    const cur = probeNow(b.target, fs);
    if (sameFile(bak, cur)) {
      // A restore killed between its link and its unlink: the target is back, drop the copy.
      if (opts.dryRun) out.push({ target: b.target, backup: b.backup, status: "would-restore" });
      else {
        fs.unlinkSync(b.backup);
        out.push({ target: b.target, backup: b.backup, status: "restored" });
        drop.add(b);
      }
      continue;
    }
    // A source's backup (newer, the target won): the winning content goes back to the link's
    // name first, so the source path is free to take its old content back.
    const free = b.link ?? b.target;
    if ((b.link === undefined ? cur : probeNow(b.link, fs)).kind !== "missing" && !opts.freed?.has(free)) {
      out.push({ target: b.target, backup: b.backup, status: "occupied" });
      continue;
    }
    if (opts.dryRun) {
      out.push({ target: b.target, backup: b.backup, status: "would-restore" });
      continue;
    }
    if (b.link !== undefined) {
      giveBackToLink(b.target, cur.kind === "file", b.link, b.backup, fs);
    } else if (bak.kind === "file") {
      // A file comes back through link + unlink, which cannot clobber a path that just appeared.
      fs.linkSync(b.backup, b.target);
      fs.unlinkSync(b.backup);
    } else {
      fs.renameSync(b.backup, b.target);
    }
    out.push({ target: b.target, backup: b.backup, status: "restored" });
    drop.add(b);
  }
  if (!opts.dryRun) state.backups = state.backups.filter((b) => !drop.has(b));
  return out;
}

// The source now holds the link's (winning) content: a second name at the link keeps it (link
// fails rather than clobber), then the backup is renamed over the source path. Both contents
// stay on disk throughout; other names of the source's data keep the winning content.
function giveBackToLink(source: string, sourceIsFile: boolean, link: string, backup: string, fs: FsWrite): void {
  if (sourceIsFile) fs.linkSync(source, link);
  fs.renameSync(backup, source);
}
