// The one place that reads process.platform. Everything else receives the OS as data (HostFacts.os,
// PlanOptions.platform, ApplyDeps.platform) and turns it into a Platform with platformFor().

/** process.platform of the running machine: "linux", "darwin", "win32", ... */
export const HOST_OS: string = process.platform;
