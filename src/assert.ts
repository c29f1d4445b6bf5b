// "Cannot happen" checks, shared by every folder (ground: imports only diagnostic.ts).

import { InternalError } from "./diagnostic.js";

// The default case of a switch over a closed union: the compiler proves it unreachable; at run
// time a value outside the union (a corrupt saved plan, a newer version's data) is a bug.
export function assertNever(x: never): never {
  throw new InternalError(`unexpected value: ${JSON.stringify(x)}`);
}
