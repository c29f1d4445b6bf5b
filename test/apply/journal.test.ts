import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyEntry, journalPath, readJournal, replayJournal, type JournalEntry } from "../../src/state/replay.js";
import { recoverState } from "../../src/apply/recover.js";
import { realFs } from "../../src/platform/fs.js";
import { emptyState, type State } from "../../src/state/types.js";
import { sandbox } from "../helpers/sandbox.js";
import { stateFile } from "../helpers/apply-plans.js";

const link = { type: "symlink" as const, source: "/r/a", linkText: "/r/a" };

describe("journal", () => {
  it("replays deltas onto a state without touching the input, twice being the same as once", () => {
    const s0 = emptyState("/m");
    const entries: JournalEntry[] = [
      { op: "add-dir", path: "/h/d" },
      { op: "set-link", target: "/h/d/a", link },
      { op: "add-backup", backup: { target: "/h/x", backup: "/h/x.linkfarm-bak" } },
      { op: "set-link", target: "/h/gone", link },
      { op: "delete-link", target: "/h/gone" },
    ];
    const once = replayJournal(s0, entries);
    expect(s0).toEqual(emptyState("/m"));
    expect(replayJournal(once, entries)).toEqual(once);
    expect(once).toMatchObject({ links: { "/h/d/a": link }, dirs: ["/h/d"], backups: [{ backup: "/h/x.linkfarm-bak" }] });
  });

  it("created directories behave as a set under any sequence of add-dir and remove-dir", () => {
    const dir = fc.constantFrom("/h/a", "/h/b", "/h/a/b", "/h/c", "/h/d/e");
    const op = fc.record({ add: fc.boolean(), path: dir });
    fc.assert(
      fc.property(fc.array(dir, { maxLength: 6 }), fc.array(op, { maxLength: 40 }), (initial, ops) => {
        // A hand-edited state may even hold a directory twice.
        const state: State = { ...emptyState("/m"), dirs: [...initial] };
        const model = new Set(initial);
        for (const o of ops) {
          applyEntry(state, o.add ? { op: "add-dir", path: o.path } : { op: "remove-dir", path: o.path });
          if (o.add) model.add(o.path);
          else model.delete(o.path);
          expect([...state.dirs].sort()).toEqual([...model].sort());
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it("ignores a torn last line", () => {
    const sb = sandbox();
    fs.mkdirSync(sb.stateDir);
    fs.writeFileSync(journalPath(stateFile(sb)), JSON.stringify({ op: "add-dir", path: "/d" }) + '\n{"op":"set-li');
    expect(readJournal(stateFile(sb), realFs)).toEqual([{ op: "add-dir", path: "/d" }]);
  });

  it("recovery merges a crashed run's journal into the state file, removes its temp link, and deletes the journal", () => {
    // Absolute texts (on Windows, on the current drive: what readlink gives back).
    const [ra, other] = [path.resolve("/r/a"), path.resolve("/other")];
    const sb = sandbox({ "home/.a.tmp": { symlink: ra }, "home/user": { symlink: ra } });
    fs.mkdirSync(sb.stateDir);
    const prior: State = { ...emptyState("/m"), dirs: ["/h/old"] };
    fs.writeFileSync(stateFile(sb), JSON.stringify(prior));
    const lines: JournalEntry[] = [
      { op: "set-link", target: "/h/a", link },
      { op: "tmp", path: sb.p("home/.a.tmp"), linkText: ra },
      { op: "tmp", path: sb.p("home/user"), linkText: other },
    ];
    fs.writeFileSync(journalPath(stateFile(sb)), lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = recoverState(stateFile(sb), "/m", realFs);
    expect(r.recovered).toBe(true);
    const st = JSON.parse(fs.readFileSync(stateFile(sb), "utf8")) as State;
    expect(st.links).toEqual({ "/h/a": link });
    expect(st.dirs).toEqual(["/h/old"]);
    expect(sb.exists("home/.a.tmp")).toBe(false);
    expect(sb.exists("home/user")).toBe(true);
    expect(fs.existsSync(journalPath(stateFile(sb)))).toBe(false);
  });
});
