// status's health rule is pure: the same recorded observations give the same health, no disk.
import { describe, expect, it } from "vitest";
import { linkHealth } from "../../src/plan/health.js";
import type { RecordedObservation } from "../../src/observe/types.js";
import { emptyState, type State } from "../../src/state/types.js";

const file = (ino: number) => ({ kind: "file" as const, dev: 1, ino, nlink: 1, size: 3, mtimeMs: 1000 });
const state: State = {
  ...emptyState("/m/linkfarm.yaml"),
  links: {
    "/h/a": { type: "symlink", source: "/s/a", linkText: "/s/a" },
    "/h/b": { type: "symlink", source: "/s/b", linkText: "/s/b" },
    "/h/c": { type: "hardlink", source: "/s/c", dev: 1, ino: 7 },
    "/h/d": { type: "symlink", source: "/s/d", linkText: "/s/d" },
  },
};

describe("linkHealth (plan/health.ts)", () => {
  it("decides from what the observer recorded, without reading the disk", () => {
    const recorded: RecordedObservation[] = [
      { target: "/h/a", observed: { kind: "symlink", text: "/s/a", dev: 1, ino: 2 }, leads: true },
      {
        target: "/h/b",
        observed: { kind: "symlink", text: "/s/b", dev: 1, ino: 3 },
        leads: false,
        sourcePath: { kind: "symlink", text: "/gone", dev: 1, ino: 4 },
      },
      { target: "/h/c", observed: file(8), source: { ...file(7), realpath: "/s/c" } },
      { target: "/h/d", observed: { kind: "symlink", text: "/elsewhere", dev: 1, ino: 5 } },
    ];
    const health = linkHealth(state, recorded, "linux");
    expect(health.map((h) => [h.target, h.health])).toEqual([
      ["/h/a", "ok"],
      ["/h/b", "dangling"],
      ["/h/c", "diverged"],
      ["/h/d", "changed"],
    ]);
    expect(health[1]!.detail).toContain("/gone");
  });

  it("compares link texts as the given OS does (win32: case and separators)", () => {
    const recorded: RecordedObservation[] = [{ target: "/h/a", observed: { kind: "symlink", text: "/S/A", dev: 1, ino: 2 }, leads: true }];
    const one: State = { ...state, links: { "/h/a": state.links["/h/a"]! } };
    expect(linkHealth(one, recorded, "linux")[0]!.health).toBe("changed");
    expect(linkHealth(one, recorded, "win32")[0]!.health).toBe("ok");
  });
});
