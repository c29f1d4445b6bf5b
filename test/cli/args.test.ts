import { describe, expect, it } from "vitest";
import { parseSettings } from "../../src/cli/args.js";
import type { IO } from "../../src/cli/io.js";
import { UserError } from "../../src/diagnostic.js";
import { runCli } from "../helpers/cli.js";

const io = (env: Record<string, string> = {}, tty = false): IO => ({
  stdout: () => {},
  stderr: () => {},
  stdoutIsTTY: tty,
  stderrIsTTY: tty,
  cwd: "/",
  env,
});

function usageError(argv: string[]): UserError {
  try {
    parseSettings(argv, io());
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error("expected a usage error");
}

describe("command line", () => {
  it("an unknown command is a one-line error with a hint", () => {
    const err = usageError(["paln"]);
    expect(err.diagnostics[0]!.code).toBe("usage");
    expect(err.message).toMatch(/^unknown command "paln"\nDid you mean `linkfarm plan`\?$/);
  });

  it("an unknown flag is a one-line error with a hint", () => {
    const err = usageError(["plan", "--detailed-exitcodes"]);
    expect(err.message.split("\n")[0]).toBe("unknown option --detailed-exitcodes");
    expect(err.message).toContain("--detailed-exitcode?");
  });

  it("apply --format markdown goes with --dry-run only", () => {
    expect(usageError(["apply", "--format", "markdown"]).message).toContain("goes with --dry-run");
    expect(parseSettings(["apply", "--dry-run", "--format", "markdown"], io()).format).toBe("markdown");
  });

  it("a flag of another command is refused", () => {
    expect(usageError(["validate", "--dry-run"]).message).toContain("does not apply to `linkfarm validate`");
  });

  it("--conflict takes only the four policies", () => {
    expect(usageError(["apply", "--conflict", "merge"]).message).toContain("fail, backup, overwrite, adopt");
    expect(parseSettings(["apply", "--conflict", "backup"], io()).conflict).toBe("backup");
  });

  it("--lock-timeout is in seconds", () => {
    expect(parseSettings(["apply", "--lock-timeout", "0.5"], io()).lockTimeoutMs).toBe(500);
    expect(parseSettings(["apply"], io()).lockTimeoutMs).toBe(10_000);
    expect(usageError(["apply", "--lock-timeout", "soon"]).diagnostics[0]!.code).toBe("usage");
  });

  it("--json and --format agree or are refused", () => {
    expect(parseSettings(["plan", "--json"], io()).format).toBe("json");
    expect(parseSettings(["plan", "--format", "markdown"], io()).format).toBe("markdown");
    expect(usageError(["plan", "--json", "--format", "text"]).message).toContain("disagree");
  });

  it("apply takes a plan file (a .json first argument) or selectors; plan, status and unlink take selectors", () => {
    expect(parseSettings(["apply", "plan.json"], io()).planFile).toBe("plan.json");
    expect(parseSettings(["apply", "vim", "~/.bashrc"], io())).toMatchObject({ selectors: ["vim", "~/.bashrc"] });
    expect(parseSettings(["apply", "vim"], io()).planFile).toBeUndefined();
    for (const cmd of ["plan", "status", "unlink"]) expect(parseSettings([cmd, "a", "b"], io()).selectors).toEqual(["a", "b"]);
    expect(usageError(["validate", "extra"]).message).toContain("takes no arguments");
  });

  it("colour: on a TTY, never with NO_COLOR, forced by FORCE_COLOR or --color", () => {
    expect(parseSettings(["plan"], io({}, true)).color).toBe(true);
    expect(parseSettings(["plan"], io({}, false)).color).toBe(false);
    expect(parseSettings(["plan"], io({ NO_COLOR: "1" }, true)).color).toBe(false);
    expect(parseSettings(["plan"], io({ FORCE_COLOR: "1" }, false)).color).toBe(true);
    expect(parseSettings(["plan", "--no-color"], io({ FORCE_COLOR: "1" }, true)).color).toBe(false);
    expect(parseSettings(["plan", "--color"], io({ NO_COLOR: "1" }, false)).color).toBe(true);
  });

  it("--help prints help for the command and exits 0", async () => {
    const r = await runCli(["plan", "--help"], { cwd: "/", env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: linkfarm plan");
    expect(r.stdout).toContain("Example:");
  });

  it("every command's help has an example", async () => {
    for (const c of ["plan", "apply", "status", "unlink", "validate", "init", "schema"]) {
      const r = await runCli(["help", c], { cwd: "/", env: {} });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: linkfarm ${c}`);
      expect(r.stdout).toContain("Example:");
    }
  });

  it("no arguments prints the main help; --version prints the version", async () => {
    expect((await runCli([], { cwd: "/", env: {} })).stdout).toContain("Commands:");
    expect((await runCli(["--version"], { cwd: "/", env: {} })).stdout).toMatch(/^linkfarm \S+\n$/);
  });

  it("a usage error exits 1 with the message on stderr and nothing on stdout", async () => {
    const r = await runCli(["frobnicate"], { cwd: "/", env: {} });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^unknown command "frobnicate"\n/);
    expect(r.stderr).not.toContain("    at ");
  });
});
