// examples/sync/: the unattended recipes are well-formed (systemd units by section and key, the
// launchd agent as a plist, the Windows task as XML) and each runs
// `linkfarm apply -q --conflict newer -c …`; the example manifest runs against a sandbox.

import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.js";
import { sandbox, snapshotTree } from "../helpers/sandbox.js";
import { child, parsePlist, parseXml } from "../helpers/xml.js";

const DIR = path.join(REPO_ROOT, "examples/sync");
const read = (rel: string) => fs.readFileSync(path.join(DIR, rel), "utf8");
const COMMAND = ["apply", "-q", "--conflict", "newer", "-c"];

// A systemd unit file → section → key → values; throws on a line that is neither.
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  let section: Record<string, string[]> | undefined;
  text.split("\n").forEach((line, n) => {
    const l = line.trim();
    if (l === "" || l.startsWith("#") || l.startsWith(";")) return;
    const s = /^\[([A-Za-z]+)\]$/.exec(l);
    if (s) {
      section = out[s[1]!] = {};
      return;
    }
    const kv = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(l);
    if (!kv || !section) throw new Error(`line ${n + 1} is not "Key=value" inside a [Section]: ${line}`);
    (section[kv[1]!] ??= []).push(kv[2]!);
  });
  return out;
}

// The keys each section may hold here (a typo would be ignored by systemd with a warning).
const KNOWN: Record<string, string[]> = {
  Unit: ["Description", "Documentation"],
  Service: ["Type", "Environment", "ExecStart", "Nice", "IOSchedulingClass"],
  Timer: ["OnStartupSec", "OnUnitActiveSec", "OnCalendar", "Persistent", "Unit"],
  Install: ["WantedBy"],
};

function expectKnownKeys(unit: Record<string, Record<string, string[]>>): void {
  for (const [section, keys] of Object.entries(unit)) {
    expect(KNOWN[section], `[${section}]`).toBeDefined();
    for (const k of Object.keys(keys)) expect(KNOWN[section]).toContain(k);
  }
}

describe("examples/sync recipes", () => {
  it("systemd: a oneshot user service running linkfarm, and a timer every few minutes", () => {
    const service = parseUnit(read("systemd/linkfarm-sync.service"));
    const timer = parseUnit(read("systemd/linkfarm-sync.timer"));
    expectKnownKeys(service);
    expectKnownKeys(timer);
    expect(service.Service!.Type).toEqual(["oneshot"]);
    const exec = service.Service!.ExecStart![0]!.split(/\s+/);
    expect(exec.slice(0, 2)).toEqual(["/usr/bin/env", "linkfarm"]);
    expect(exec.slice(2, 2 + COMMAND.length)).toEqual(COMMAND);
    expect(exec[2 + COMMAND.length]).toMatch(/linkfarm\.yaml$/);
    expect(timer.Timer!.Unit).toEqual(["linkfarm-sync.service"]);
    expect(timer.Timer!.OnUnitActiveSec).toEqual(["5min"]);
    expect(timer.Install!.WantedBy).toEqual(["timers.target"]);
  });

  it("launchd: a plist agent with ProgramArguments and a StartInterval of a few minutes", () => {
    const plist = parsePlist(read("launchd/io.github.linkfarm.sync.plist")) as Record<string, unknown>;
    expect(plist.Label).toBe("io.github.linkfarm.sync");
    const args = plist.ProgramArguments as string[];
    expect(args.slice(1, 2 + COMMAND.length)).toEqual(["linkfarm", ...COMMAND]);
    expect(args[args.length - 1]).toMatch(/^\/.*linkfarm\.yaml$/);
    expect(plist.StartInterval).toBeGreaterThanOrEqual(60);
    expect(plist.StartInterval).toBeLessThanOrEqual(900);
    expect(plist.RunAtLoad).toBe(true);
    expect(typeof (plist.EnvironmentVariables as Record<string, unknown>).PATH).toBe("string");
  });

  it("Windows: a Task Scheduler task XML repeating every few minutes, and the Register-ScheduledTask line", () => {
    const task = parseXml(read("windows/linkfarm-sync.xml"));
    expect(task.name).toBe("Task");
    expect(task.attrs.xmlns).toBe("http://schemas.microsoft.com/windows/2004/02/mit/task");
    const trigger = child(child(task, "Triggers"), "TimeTrigger");
    expect(child(child(trigger, "Repetition"), "Interval").text).toBe("PT5M");
    expect(child(trigger, "StartBoundary").text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(child(child(task, "Settings"), "MultipleInstancesPolicy").text).toBe("IgnoreNew");
    const exec = child(child(task, "Actions"), "Exec");
    expect(child(exec, "Command").text).toMatch(/linkfarm\.cmd$/);
    expect(child(exec, "Arguments").text).toMatch(/^apply -q --conflict newer -c ".*linkfarm\.yaml"$/);

    const ps1 = read("windows/register.ps1");
    expect(ps1).toMatch(/^Register-ScheduledTask -TaskName "linkfarm sync" .*-Action \$Action -Trigger \$Trigger/m);
    expect(ps1).toContain('-Argument "apply -q --conflict newer -c `"$Manifest`""');
    expect(ps1).toContain("-RepetitionInterval (New-TimeSpan -Minutes 5)");
  });

  it("the XML reader refuses what is not well-formed", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml("<a></a><b/>")).toThrow();
    expect(() => parsePlist("<plist><dict><key>k</key></dict></plist>")).toThrow();
  });
});

describe("examples/sync/linkfarm.yaml", () => {
  it("runs against a sandbox: hard links into the sandbox's sync folder, a quiet second run, a diverged link healed", async () => {
    const sb = sandbox();
    fs.cpSync(DIR, sb.p("repo/examples/sync"), { recursive: true });
    const cli = (...args: string[]) => runCli(args, { cwd: sb.p("repo"), env: sb.env });
    const manifest = "examples/sync/linkfarm.yaml";

    const first = await cli(...COMMAND, manifest);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const synced = "repo/.demo-home/OneDrive";
    expect(sb.ino(`${synced}/Notes/todo.md`)).toBe(sb.ino("repo/examples/sync/notes/todo.md"));
    expect(sb.ino(`${synced}/Game saves/Example/slot1.sav`)).toBe(sb.ino("repo/examples/sync/saves/slot1.sav"));
    expect(fs.readdirSync(sb.home)).toEqual([]);

    const before = sb.snapshot();
    const again = await cli(...COMMAND, manifest);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe("");
    expect(sb.snapshot()).toEqual(before);

    // The sync client brings a newer version from another machine, saved by rename.
    const target = sb.p(`${synced}/Notes/todo.md`);
    fs.writeFileSync(`${target}.part`, "# To do\n\n- edited on the laptop\n");
    const later = fs.statSync(sb.p("repo/examples/sync/notes/todo.md")).mtimeMs / 1000 + 600;
    fs.utimesSync(`${target}.part`, later, later);
    fs.renameSync(`${target}.part`, target);
    expect((await cli(...COMMAND, manifest)).code).toBe(0);
    expect(sb.read("repo/examples/sync/notes/todo.md")).toBe("# To do\n\n- edited on the laptop\n");
    expect(sb.read("repo/examples/sync/notes/todo.md.linkfarm-bak")).toBe(read("notes/todo.md"));
    expect(Object.keys(snapshotTree(sb.p(`${synced}/Notes`)))).toEqual(["ideas.md", "todo.md"]);
  });
});

describe("README: the notes and game-saves manifest of 'Sync files that live outside OneDrive / Dropbox'", () => {
  it("runs as printed against a sandbox HOME", async () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const yaml = /```yaml\n(# ~\/notes-sync\/linkfarm\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const sb = sandbox({
      "home/notes-sync/linkfarm.yaml": yaml!,
      "home/Documents/Notes/a.md": "a\n",
      "home/Documents/Notes/work/b.md": "b\n",
      "home/Documents/Notes/.DS_Store": "x",
      "home/Saved Games/Celeste/0.celeste": "save\n",
      "home/OneDrive/unrelated.txt": "mine\n",
    });
    const r = await runCli(["apply", "-q", "--conflict", "newer", "-c", "notes-sync/linkfarm.yaml"], { cwd: sb.home, env: sb.env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(sb.ino("home/OneDrive/Notes/work/b.md")).toBe(sb.ino("home/Documents/Notes/work/b.md"));
    expect(sb.ino("home/OneDrive/Game saves/Celeste/0.celeste")).toBe(sb.ino("home/Saved Games/Celeste/0.celeste"));
    expect(sb.exists("home/OneDrive/Notes/.DS_Store")).toBe(false);
  });
});
