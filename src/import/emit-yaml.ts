// OutManifest → linkfarm.yaml text: the schema comment first, then the keys in the order of the
// example manifest in README.md → Manifest, comments above what they explain. Hand-written so that comments sit exactly
// where a reader needs them; scalars are quoted whenever plain YAML could misread them.

import { SCHEMA_URL } from "../manifest/starter.js";
import type { RawHook } from "../manifest/types.js";
import type { OutLink, OutManifest } from "./model.js";

// Plain (unquoted) only when YAML 1.2 and yaml-language-server both read it back as this string.
const PLAIN = /^(?:[A-Za-z0-9_./$]|~\/)[A-Za-z0-9_./$~+@=,-]*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|\.inf|\.nan|[-+]?\.?[0-9].*)$/i;

// A YAML scalar for `s`: plain when safe, else double-quoted (JSON strings are valid YAML).
export function scalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

const comment = (lines: readonly string[] | undefined, indent = ""): string =>
  (lines ?? []).map((l) => (l === "" ? `${indent}#\n` : `${indent}# ${l}\n`)).join("");

// The whole manifest text; it validates against schema/linkfarm.schema.json (tests check it).
export function emitManifest(m: OutManifest): string {
  let out = `# yaml-language-server: $schema=${SCHEMA_URL}\n`;
  out += comment(m.header);
  out += "version: 1\n\n";
  out += `source: ${scalar(m.source)}\n`;
  out += `target: ${scalar(m.target)}\n\n`;
  out += "defaults:\n";
  out += `  type: ${m.defaults.type}\n`;
  out += `  relative: ${m.defaults.relative}\n`;
  out += `  mkdirs: ${m.defaults.mkdirs}\n`;
  out += `  conflict: ${m.defaults.conflict}\n\n`;
  out += comment(m.ignoreComments);
  out += m.ignore.length === 0 ? "ignore: []\n" : "ignore:\n" + m.ignore.map((g) => `  - ${scalar(g)}\n`).join("");
  out += "\n" + comment(m.pruneComments);
  out += `prune: ${m.prune}\n`;
  if (m.hooks.before.length > 0 || m.hooks.after.length > 0) {
    out += "\n" + comment(m.hooksComments);
    out += "hooks:\n";
    for (const when of ["before", "after"] as const) {
      if (m.hooks[when].length === 0) continue;
      out += `  ${when}:\n` + m.hooks[when].map((h) => `    - ${emitHook(h)}\n`).join("");
    }
  }
  out += "\n";
  if (m.links.length === 0) return out + "links: []\n";
  out += "links:\n";
  out += m.links.map(emitLink).join("");
  return out;
}

// A hook: the command alone, or a flow map with the directory it runs in.
function emitHook(h: RawHook): string {
  if (typeof h === "string") return scalar(h);
  return h.cwd === undefined ? scalar(h.run) : `{ run: ${scalar(h.run)}, cwd: ${scalar(h.cwd)} }`;
}

function emitLink(l: OutLink): string {
  let out = comment(l.comments, "  ");
  out += `  - source: ${scalar(l.source)}\n`;
  out += `    target: ${scalar(l.target)}\n`;
  if (l.tree !== undefined) out += `    tree: ${l.tree}\n`;
  if (l.glob !== undefined) out += `    glob: ${l.glob}\n`;
  if (l.type !== undefined) out += `    type: ${l.type}\n`;
  if (l.relative !== undefined) out += `    relative: ${l.relative}\n`;
  if (l.mkdirs !== undefined) out += `    mkdirs: ${l.mkdirs}\n`;
  if (l.conflict !== undefined) out += `    conflict: ${l.conflict}\n`;
  if (l.optional !== undefined) out += `    optional: ${l.optional}\n`;
  if (l.when) {
    out += "    when:\n";
    for (const [k, v] of Object.entries(l.when)) {
      if (v === undefined) continue;
      if (typeof v === "string") out += `      ${k}: ${scalar(v)}\n`;
      else if (Array.isArray(v)) out += `      ${k}: [${v.map(scalar).join(", ")}]\n`;
      else out += `      ${k}: {${Object.entries(v as Record<string, string>).map(([n, g]) => `${scalar(n)}: ${scalar(g)}`).join(", ")}}\n`;
    }
  }
  return out;
}
