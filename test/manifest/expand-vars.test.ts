import { describe, expect, it } from "vitest";
import { expandVars } from "../../src/manifest/expand-vars.js";

const env = { HOME: "/h", XDG: "/h/.cfg", EMPTY: "" };

describe("paths expand ~, $VAR, ${VAR} and ${VAR:-default}", () => {
  it.each([
    ["~", "/h"],
    ["~/x", "/h/x"],
    ["a~/x", "a~/x"],
    ["~user/x", "~user/x"],
    ["$XDG/nvim", "/h/.cfg/nvim"],
    ["${XDG}nvim", "/h/.cfgnvim"],
    ["${NOPE:-/opt}/bin", "/opt/bin"],
    ["${EMPTY:-dflt}", "dflt"],
    ["${XDG:-dflt}", "/h/.cfg"],
    ["$EMPTY", ""],
    ["cost$$5", "cost$5"],
    ["a$", "a$"],
    ["$1", "$1"],
    ["${not closed", "${not closed"],
  ])("%s → %s", (input, out) => {
    expect(expandVars(input, env, "/h")).toEqual({ ok: true, value: out });
  });

  it("an unset variable without a default is an error naming it, at its `$`", () => {
    expect(expandVars("a/$NOPE/b", env, "/h")).toEqual({ ok: false, variable: "NOPE", index: 2 });
    expect(expandVars("x${NOPE}", env, "/h")).toEqual({ ok: false, variable: "NOPE", index: 1 });
  });
});

describe("defaults are expanded like the shell's", () => {
  it("expands ~ and variables inside ${VAR:-default}", () => {
    expect(expandVars("${NOPE:-~/.config}/nvim", env, "/h")).toEqual({ ok: true, value: "/h/.config/nvim" });
    expect(expandVars("${NOPE:-$XDG}/x", env, "/h")).toEqual({ ok: true, value: "/h/.cfg/x" });
    expect(expandVars("a${NOPE:-~/x}", env, "/h")).toEqual({ ok: true, value: "a~/x" });
  });

  it("an unset variable inside a default is reported at its own `$`", () => {
    expect(expandVars("${A:-$B}", env, "/h")).toEqual({ ok: false, variable: "B", index: 5 });
  });
});
