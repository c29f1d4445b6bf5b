// Facts about this machine, read once at the edge and passed down as data.

import { hostname, homedir } from "node:os";
import type { HostFacts } from "../manifest/types.js";
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
