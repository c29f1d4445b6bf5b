// An environment variable used as a switch (FORCE_COLOR, LINKFARM_NO_CACHE, the compile-cache
// switches): on when set to anything but "" or "0". Import-free: the bin uses it too.
export function flagOn(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0";
}
