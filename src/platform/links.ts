// Making a link (mklink, mklink /D, mklink /J, mklink /H) and explaining a refusal. The only
// code that calls fs.symlink or fs.link for a managed link.

import type { LinkType } from "./types.js";
import { errnoCode, type FsWrite } from "./fs.js";
import type { Platform } from "./platform.js";

export interface LinkRequest {
  type: LinkType;
  /** symlink, junction: the text to store. hardlink: the existing file (its real path). */
  to: string;
  /** Where to make it: the target, or a temporary sibling of it. */
  at: string;
  /** The link the user declared (named in messages; `at` may be a temporary name). */
  target: string;
  /** What the source is: picks a file or directory symlink on Windows. */
  sourceKind: string;
}

/**
 * Why the link is not there. symlink-privilege: Windows refused (Developer Mode or an elevated
 * prompt needed). not-made: the OS reported success and made nothing (Wine's symlink stub).
 */
export type LinkHint = "symlink-privilege" | "not-made";

// A link the OS refused, with a message that says what to do. Keeps the errno code.
export class LinkRefused extends Error {
  readonly code: string;
  readonly hint: LinkHint;
  readonly target: string;
  constructor(message: string, code: string, hint: LinkHint, target: string) {
    super(message);
    this.name = "LinkRefused";
    this.code = code;
    this.hint = hint;
    this.target = target;
  }
}

// Make one link; EEXIST and other errors propagate (a refusal with a known cause, explained).
// On Windows a symlink or junction is looked at after it is made: a runtime has been seen to
// report success and make nothing.
export function makeLink(fs: Pick<FsWrite, "symlinkSync" | "linkSync" | "lstatSync">, platform: Platform, req: LinkRequest): void {
  try {
    if (req.type === "hardlink") fs.linkSync(req.to, req.at);
    else fs.symlinkSync(req.to, req.at, platform.symlinkType(req.type, req.sourceKind));
  } catch (err) {
    throw explainLinkError(err, platform, req);
  }
  if (req.type !== "hardlink" && platform.os === "win32" && !isLinkAt(fs, req.at)) {
    const what = req.type === "junction" ? "junction" : "symlink";
    throw new LinkRefused(
      `the system reported the ${what} ${req.target} as made, but nothing is there ` +
        "(this Windows runtime does not really make them; Wine is known to); declare the link `type: hardlink` or `type: auto`",
      "ENOENT",
      "not-made",
      req.target,
    );
  }
}

function isLinkAt(fs: Pick<FsWrite, "lstatSync">, at: string): boolean {
  try {
    return fs.lstatSync(at).isSymbolicLink();
  } catch {
    return false;
  }
}

// The error to report for a failed link: EPERM on a Windows symlink becomes the Developer Mode
// explanation, suggesting a junction (directory) or a hard link (file); others are unchanged.
export function explainLinkError(err: unknown, platform: Platform, req: LinkRequest): unknown {
  const code = errnoCode(err);
  if (platform.os !== "win32" || req.type !== "symlink" || code !== "EPERM") return err;
  const instead =
    req.sourceKind === "dir"
      ? "or declare this link `type: junction` (a directory link that needs no privilege)"
      : "or declare this link `type: hardlink` (needs no privilege; source and target on one volume)";
  return new LinkRefused(
    `Windows refused to create the symlink ${req.target}: creating symlinks needs Developer Mode ` +
      "(Settings > System > For developers) or an elevated (Run as administrator) prompt; " +
      `turn one on and run apply again, ${instead}, or \`type: auto\``,
    code,
    "symlink-privilege",
    req.target,
  );
}
