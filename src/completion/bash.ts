// The bash completion script, generated from the table in spec.ts. Works with plain bash
// (`complete -F`), with or without the bash-completion package; `--flag=value` is understood.

import { assertNever } from "../assert.js";
import { COMMAND_SPECS, flagsWithValues, GLOBAL_FLAGS, NAMES_COMMAND, type FlagSpec, type PositionalSpec, type ValueKind } from "./spec.js";

function longs(flags: readonly FlagSpec[]): string {
  return flags.map((f) => `--${f.long}`).join(" ");
}

function spellings(f: FlagSpec): string {
  return f.short ? `-${f.short}|--${f.long}` : `--${f.long}`;
}

// The shell code that fills COMPREPLY for one kind of value.
function valueCode(v: ValueKind | PositionalSpec): string {
  switch (v.kind) {
    case "none":
      return "COMPREPLY=()";
    case "words":
      return `COMPREPLY=($(compgen -W "${v.words.join(" ")}" -- "$cur"))`;
    case "file":
      return v.glob ? `_linkfarm_files '${v.glob}'` : "_linkfarm_files";
    case "dir":
      return "_linkfarm_dirs";
    case "text":
      return "COMPREPLY=()";
    case "selectors":
      return `${v.glob ? `_linkfarm_files '${v.glob}'` : "_linkfarm_files"}; _linkfarm_names`;
    default:
      return assertNever(v);
  }
}

// The script: `source <(linkfarm completion bash)` or save it as a bash-completion file.
export function bashScript(): string {
  const all = [...GLOBAL_FLAGS, ...COMMAND_SPECS.flatMap((c) => c.flags)];
  const seen = new Set<string>();
  const valueCases: string[] = [];
  for (const f of all) {
    if (f.value.kind === "none" || seen.has(f.long)) continue;
    seen.add(f.long);
    valueCases.push(`    ${spellings(f)}) ${valueCode(f.value)}; return 0 ;;`);
  }
  const flagCases = COMMAND_SPECS.map((c) => `    ${c.name}) flags="${longs(c.flags)}" ;;`);
  const positionalCases = COMMAND_SPECS.filter((c) => c.positional.kind !== "none").map((c) => {
    const p = c.positional;
    if (p.kind === "selectors") return `    ${c.name}) ${valueCode(p)} ;;`;
    if (p.kind !== "words") return `    ${c.name}) ((npos == 0)) && ${valueCode(p)} ;;`;
    const rest = p.rest === "file" ? "_linkfarm_files" : "COMPREPLY=()";
    return `    ${c.name}) if ((npos == 0)); then ${valueCode(p)}; else ${rest}; fi ;;`;
  });
  const commands = [...COMMAND_SPECS.map((c) => c.name), "help"].join(" ");
  return `# bash completion for linkfarm                              -*- shell-script -*-
# Install: linkfarm completion bash > ~/.local/share/bash-completion/completions/linkfarm
#      or: echo 'source <(linkfarm completion bash)' >> ~/.bashrc

_linkfarm_files() {
  # Files (only those matching the glob, if one is given) and directories to descend into.
  local IFS=$'\\n'
  if [[ -n \${1-} ]]; then
    COMPREPLY=($(compgen -f -X "!$1" -- "$cur") $(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
  return 0
}

_linkfarm_names() {
  # Entry names, from the manifest linkfarm finds (or -c FILE on the line); nothing on error.
  local IFS=$'\\n' i config=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in -c|--config) config=(--config "\${COMP_WORDS[i+1]-}") ;; esac
  done
  COMPREPLY+=($(compgen -W "$(${NAMES_COMMAND} "\${config[@]}" 2>/dev/null)" -- "$cur"))
  return 0
}

_linkfarm_dirs() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -d -- "$cur"))
  type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
  return 0
}

_linkfarm() {
  local cur prev cmd="" i word
  COMPREPLY=()
  cur=\${COMP_WORDS[COMP_CWORD]}
  prev=\${COMP_WORDS[COMP_CWORD-1]-}
  # --flag=value: bash splits at '=' (COMP_WORDBREAKS).
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi

  # The command word: the first word that is neither a flag nor a flag's value.
  local npos=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    case $word in
      ${flagsWithValues().join("|")})
        [[ \${COMP_WORDS[i+1]-} == "=" ]] && ((i++))
        ((i++)) ;;
      -*) ;;
      =) ;;
      *) if [[ -z $cmd ]]; then cmd=$word; else ((npos++)); fi ;;
    esac
  done

  case $prev in
${valueCases.join("\n")}
  esac

  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "${longs(GLOBAL_FLAGS)}" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "${commands}" -- "$cur"))
    fi
    return 0
  fi

  if [[ $cmd == help ]]; then
    ((npos == 0)) && COMPREPLY=($(compgen -W "${COMMAND_SPECS.map((c) => c.name).join(" ")}" -- "$cur"))
    return 0
  fi

  local flags=""
  case $cmd in
${flagCases.join("\n")}
    *) return 0 ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags ${longs(GLOBAL_FLAGS)}" -- "$cur"))
    return 0
  fi
  case $cmd in
${positionalCases.join("\n")}
  esac
  return 0
}

complete -F _linkfarm linkfarm
`;
}
