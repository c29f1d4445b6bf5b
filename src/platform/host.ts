// Facts about this machine, read once at the edge and passed down as data.

import { createRequire } from "node:module";
import { hostname, homedir } from "node:os";
import type { HostFacts, SymlinkRights } from "./types.js";
import { HOST_OS } from "./os.js";

// HOME is HOME, else USERPROFILE (Windows), else what the OS says.
export function readHostFacts(env: Readonly<Record<string, string | undefined>>): HostFacts {
  return {
    os: HOST_OS,
    hostname: hostname(),
    home: env.HOME || env.USERPROFILE || homedir(),
    env,
  };
}

const RIGHTS: readonly SymlinkRights[] = ["allowed", "refused", "unknown"];
const DEV_MODE_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\AppModelUnlock";

// May this process make symlinks? Read, never tried (plan makes no mutating call).
// LINKFARM_SYMLINKS=allowed|refused|unknown decides when set. Off Windows: allowed. On Windows:
// allowed when Developer Mode is on (the registry says so), else unknown (an elevated prompt
// or a granted privilege may still allow them: apply tries, and `type: auto` falls back).
export function symlinkRights(host: Pick<HostFacts, "os" | "env">, readDevMode: () => boolean | undefined = devModeOn): SymlinkRights {
  const set = host.env.LINKFARM_SYMLINKS;
  if (set !== undefined && (RIGHTS as readonly string[]).includes(set)) return set as SymlinkRights;
  if (host.os !== "win32") return "allowed";
  return readDevMode() === true ? "allowed" : "unknown";
}

let devMode: boolean | undefined | null = null;

// `reg query` of Developer Mode's value; undefined when it cannot be read. Once per process.
function devModeOn(): boolean | undefined {
  if (devMode !== null) return devMode;
  try {
    // Loaded here, on Windows only: node:child_process costs every start a few ms to load.
    const { execFileSync } = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
    const out = execFileSync("reg", ["query", DEV_MODE_KEY, "/v", "AllowDevelopmentWithoutDevLicense"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
      windowsHide: true,
    });
    const m = /AllowDevelopmentWithoutDevLicense\s+REG_DWORD\s+0x([0-9a-f]+)/i.exec(out);
    devMode = m ? parseInt(m[1] ?? "0", 16) === 1 : undefined;
  } catch {
    devMode = undefined;
  }
  return devMode;
}
