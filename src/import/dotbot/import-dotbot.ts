// `linkfarm import dotbot [FILE]`: a dotbot configuration's tasks, in order → one manifest.
// `defaults` apply to the links after them (as in dotbot); `link` items become entries; `shell`
// becomes hooks (before the first link task: `before`, else `after`); `clean` turns prune on;
// `create` and plugin directives cannot be carried and are listed as dropped.

import { isRecord } from "../../is-record.js";
import type { ConflictPolicy, LinkType, RawHook } from "../../manifest/types.js";
import { errnoCode, realpathOr, type FsRead } from "../../platform/fs.js";
import { path } from "../../platform/paths.js";
import type { ImportNote, ImportResult, OutDefaults, OutLink, OutManifest } from "../model.js";
import { relativeRoot } from "../paths.js";
import { translateLink } from "./link.js";
import { parseDotbot, type Entry, type Pos } from "./parse.js";

export interface DotbotImportOptions {
  /** The configuration file (absolute). */
  file: string;
  home: string;
  /**
   * Directory the manifest will live in (-o FILE's): `source:` and hook `cwd:` are written
   * relative to it. Default (printed to stdout): the configuration's directory.
   */
  manifestDir?: string;
}

export function importDotbot(opts: DotbotImportOptions, fs: FsRead): ImportResult {
  const notes: ImportNote[] = [];
  const { file } = opts;
  const add = (level: ImportNote["level"], message: string, pos?: Pos) =>
    notes.push({ level, message, file, ...(pos && pos.line > 0 ? { line: pos.line, col: pos.col } : {}) });

  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    return { ok: false, notes: [{ level: "dropped", message: `cannot read ${file}: ${errnoCode(err) ?? String(err)}` }] };
  }
  const parsed = parseDotbot(text);
  for (const e of parsed.errors) add("dropped", e.message, e.pos);
  if (parsed.errors.length > 0 && parsed.tasks.length === 0) return { ok: false, notes };
  const baseDir = realpathOr(fs, path.dirname(file));

  let linkDefaults: Record<string, unknown> = {};
  let prune = false;
  let sawLink = false;
  const hooks = { before: [] as string[], after: [] as string[] };
  const links: OutLink[] = [];
  const ignore: string[] = [];

  for (const task of parsed.tasks) {
    for (const d of task) {
      const at = d.keyPos;
      switch (d.key) {
        case "defaults":
          linkDefaults = defaultsOf(d, add);
          break;
        case "link":
          sawLink = true;
          for (const item of parsed.pairs(d.node)) {
            const note = (level: ImportNote["level"], message: string) => add(level, message, item.keyPos);
            const ctx = { fs, baseDir, note, ignore: (g: string) => void (ignore.includes(g) || ignore.push(g)) };
            links.push(...translateLink(item.key, item.value, linkDefaults, ctx));
          }
          if (!isRecord(d.value)) add("dropped", "link: expected a map of destination to source", at);
          break;
        case "shell":
          for (const cmd of shellCommands(d, add)) (sawLink ? hooks.after : hooks.before).push(cmd);
          add("changed", "shell: commands became apply hooks; they now run only when apply changes something (dotbot ran them every time)", at);
          break;
        case "clean":
          prune = true;
          add("changed", "clean: became prune: true; linkfarm removes only links it made and no longer declares, not every dead link in a directory", at);
          break;
        case "create":
          add("dropped", "create: linkfarm makes directories only as parents of links (mkdirs); create these directories another way", at);
          break;
        default:
          add("dropped", `${d.key}: not a dotbot built-in directive (a plugin?); nothing to translate it to`, at);
      }
    }
  }
  if (links.length === 0 && hooks.before.length === 0 && hooks.after.length === 0) {
    add("dropped", "nothing to import: no link or shell tasks");
    return { ok: false, notes };
  }

  const defaults = commonDefaults(links);
  const manifestDir = opts.manifestDir ?? baseDir;
  const base = relativeRoot(manifestDir, baseDir);
  // dotbot runs shell commands in its base directory; hooks run in the manifest's.
  const inBase = (cmd: string): RawHook => (base === "." ? cmd : { run: cmd, cwd: base });
  const manifest: OutManifest = {
    header: [
      `Imported from dotbot: linkfarm import dotbot ${path.basename(file)}`,
      opts.manifestDir === undefined
        ? `Paths below are relative to ${baseDir}, the configuration's directory: save this file there.`
        : "`source:` below is dotbot's base directory, relative to this file's directory.",
    ],
    source: base,
    target: "~",
    defaults,
    ignoreComments: ["linkfarm's defaults, plus dotbot's exclude patterns and hidden names under ** globs."],
    ignore: ["**/.git/**", "**/.DS_Store", ...ignore],
    pruneComments: prune
      ? ["From dotbot's clean: links linkfarm made and no longer declares are removed."]
      : ["dotbot removes nothing without clean; set true to remove links you drop from this file."],
    prune,
    hooksComments: ["From dotbot's shell tasks: run by apply, only when something changed."],
    hooks: { before: hooks.before.map(inBase), after: hooks.after.map(inBase) },
    links: links.map((l) => stripDefaults(l, defaults)),
  };
  return { ok: true, manifest, notes };
}

function defaultsOf(d: Entry, add: (l: ImportNote["level"], m: string, p?: Pos) => void): Record<string, unknown> {
  if (!isRecord(d.value)) {
    add("dropped", "defaults: expected a map of directive to options", d.keyPos);
    return {};
  }
  const v = d.value as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    if (k !== "link") add("info", `defaults for ${k} have no counterpart; ignored`, d.keyPos);
  }
  return isRecord(v.link) ? (v.link as Record<string, unknown>) : {};
}

// dotbot's shell forms: "cmd", [cmd, description], {command, description, stdin, ...}.
function shellCommands(d: Entry, add: (l: ImportNote["level"], m: string, p?: Pos) => void): string[] {
  const items = Array.isArray(d.value) ? (d.value as unknown[]) : [];
  const out: string[] = [];
  for (const item of items) {
    const cmd =
      typeof item === "string"
        ? item
        : Array.isArray(item) && typeof item[0] === "string"
          ? item[0]
          : isRecord(item) && typeof (item as { command?: unknown }).command === "string"
            ? (item as { command: string }).command
            : undefined;
    if (cmd === undefined || cmd.trim() === "") {
      add("dropped", "shell: an item without a command", d.keyPos);
      continue;
    }
    if (isRecord(item) && (item as { stdin?: unknown }).stdin === true) {
      add("changed", `shell: ${cmd} reads stdin in dotbot; hooks run without your terminal's input`, d.keyPos);
    }
    out.push(cmd);
  }
  return out;
}

// The most common value of each option becomes the manifest's default (first seen wins ties).
function commonDefaults(links: readonly OutLink[]): OutDefaults {
  const pick = <T>(values: T[], fallback: T): T => {
    const counts = new Map<T, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    let best = fallback;
    let n = 0;
    for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
    return best;
  };
  return {
    type: pick<LinkType>(links.map((l) => l.type ?? "symlink"), "symlink"),
    relative: pick(links.map((l) => l.relative ?? false), false),
    mkdirs: pick(links.map((l) => l.mkdirs ?? false), false),
    conflict: pick<ConflictPolicy>(links.map((l) => l.conflict ?? "fail"), "fail"),
  };
}

function stripDefaults(l: OutLink, d: OutDefaults): OutLink {
  const out: OutLink = { ...l };
  if (out.type === d.type) delete out.type;
  if (out.relative === d.relative) delete out.relative;
  if (out.mkdirs === d.mkdirs) delete out.mkdirs;
  if (out.conflict === d.conflict) delete out.conflict;
  return out;
}

