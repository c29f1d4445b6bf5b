// The zsh completion script (_arguments style), generated from the table in spec.ts.

import { assertNever } from "../assert.js";
import { COMMAND_SPECS, GLOBAL_FLAGS, NAMES_COMMAND, type FlagSpec, type PositionalSpec, type ValueKind } from "./spec.js";

// Inside '...' in zsh: close, escaped quote, reopen; and brackets/colons escaped for _arguments.
function q(s: string): string {
  return s.replace(/'/g, `'\\''`).replace(/([[\]:])/g, "\\$1");
}

function action(v: ValueKind | PositionalSpec, label: string): string {
  switch (v.kind) {
    case "none":
      return "";
    case "words":
      return `:${label}:(${v.words.join(" ")})`;
    case "file":
      return v.glob ? `:${label}:_files -g '${v.glob}'` : `:${label}:_files`;
    case "dir":
      return `:${label}:_files -/`;
    case "text":
      return `:${v.label}: `;
    case "selectors":
      return `:${label}:_linkfarm_selectors${v.glob ? ` -g '${v.glob}'` : ""}`;
    default:
      return assertNever(v);
  }
}

// One _arguments spec per flag: '(-c --config)'{-c,--config}'[describe]:file:_files'
function flagSpec(f: FlagSpec): string {
  const tail = `'[${q(f.describe)}]${action(f.value, f.long).replace(/'/g, `'\\''`)}'`;
  if (!f.short) return `'--${f.long}${tail.slice(1)}`;
  return `'(-${f.short} --${f.long})'{-${f.short},--${f.long}}${tail}`;
}

function positionalSpec(p: PositionalSpec): string[] {
  switch (p.kind) {
    case "none":
      return [];
    case "file":
      return [`'1${action(p, "file").replace(/'/g, `'\\''`)}'`];
    case "words":
      return [`'1${action(p, "kind")}'`, ...(p.rest === "file" ? ["'*:file:_files'"] : [])];
    case "selectors":
      return [`'*${action(p, "selector").replace(/'/g, `'\\''`)}'`];
    default:
      return assertNever(p);
  }
}

// The script: save it as `_linkfarm` in a directory on $fpath, or `source <(linkfarm completion zsh)`.
export function zshScript(): string {
  const global = GLOBAL_FLAGS.map((f) => `    ${flagSpec(f)}`).join("\n");
  const commands = COMMAND_SPECS.map((c) => `    '${c.name}:${q(c.describe)}'`).join("\n");
  const cases = COMMAND_SPECS.map((c) => {
    const specs = [...c.flags.map(flagSpec), ...positionalSpec(c.positional)];
    return `      (${c.name})\n        _arguments -s : $global ${specs.join(" ")}\n        ;;`;
  }).join("\n");
  return `#compdef linkfarm
# zsh completion for linkfarm
# Install: linkfarm completion zsh > "\${fpath[1]}/_linkfarm"   (then restart zsh)
#      or: echo 'source <(linkfarm completion zsh)' >> ~/.zshrc   (after compinit)

# Entry names (from \`${NAMES_COMMAND}\`) and target paths; extra arguments go to _files.
_linkfarm_selectors() {
  local -a names
  names=(\${(f)"$(_call_program names ${NAMES_COMMAND} 2>/dev/null)"})
  names=(\${\${names:#}//:/\\\\:})
  _describe -t names 'entry name' names
  _files "$@"
}

_linkfarm() {
  local curcontext="$curcontext" state line ret=1
  local -a global commands
  global=(
${global}
  )
  commands=(
${commands}
    'help:show help for a command'
  )
  _arguments -C -s : $global '1:command:->command' '*::argument:->argument' && ret=0
  case $state in
    (command)
      _describe -t commands 'linkfarm command' commands && ret=0
      ;;
    (argument)
      curcontext="\${curcontext%:*:*}:linkfarm-$words[1]:"
      case $words[1] in
${cases}
      (help)
        _describe -t commands 'linkfarm command' commands && ret=0
        ;;
      esac
      ;;
  esac
  return ret
}

if [[ \${zsh_eval_context[-1]-} == loadautofunc ]]; then
  _linkfarm "$@"
else
  compdef _linkfarm linkfarm
fi
`;
}
