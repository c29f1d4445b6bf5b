import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { acquireLock, lockPath, pidAlive } from "../../src/apply/lock.js";
import { UserError } from "../../src/diagnostic.js";
import { realFs } from "../../src/platform/fs.js";
import { sandbox } from "../helpers/sandbox.js";
import { linkAction, run, stateFile } from "../helpers/apply-plans.js";

describe("state lock", () => {
  it("is a file next to the state file holding the pid, removed on release", async () => {
    const sb = sandbox();
    const lock = await acquireLock(stateFile(sb), realFs, { timeoutMs: 100 });
    expect(JSON.parse(fs.readFileSync(lockPath(stateFile(sb)), "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(fs.existsSync(lockPath(stateFile(sb)))).toBe(false);
  });

  it("a second apply waits, then fails naming the lock file and the pid holding it", async () => {
    const sb = sandbox({ "repo/a": "A" });
    fs.mkdirSync(sb.stateDir, { recursive: true });
    fs.writeFileSync(lockPath(stateFile(sb)), JSON.stringify({ pid: process.pid, at: "then" }));
    const err = await run(sb, [linkAction(sb, { kind: "create", target: "home/.a", source: "repo/a" })], { lockTimeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(lockPath(stateFile(sb)));
    expect((err as UserError).message).toContain(String(process.pid));
    expect(sb.exists("home/.a")).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const sb = sandbox();
    let dead = 999_999;
    while (pidAlive(dead)) dead--;
    fs.mkdirSync(sb.stateDir, { recursive: true });
    fs.writeFileSync(lockPath(stateFile(sb)), JSON.stringify({ pid: dead }));
    const lock = await acquireLock(stateFile(sb), realFs, { timeoutMs: 100 });
    expect(JSON.parse(fs.readFileSync(lock.file, "utf8")).pid).toBe(process.pid);
    lock.release();
  });
});
