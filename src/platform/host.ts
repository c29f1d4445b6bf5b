// Facts about this machine, read once at the edge and passed down as data.

import { hostname, homedir } from "node:os";
import type { HostFacts } from "../manifest/types.js";

export function readHostFacts(env: Readonly<Record<string, string | undefined>>): HostFacts {
  return {
    os: process.platform,
    hostname: hostname(),
    home: env.HOME || env.USERPROFILE || homedir(),
    env,
  };
}
