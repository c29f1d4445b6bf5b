// `~`, `~/...`, `$VAR`, `${VAR}`, `${VAR:-default}` and `$$` (a literal `$`) in manifest paths.
// Pure: the environment and HOME are passed in. Unset variables are errors, not empty strings:
// a silently empty path would link into the wrong place.

export type Expanded =
  | { ok: true; value: string }
  | { ok: false; variable: string; /** index of the `$` in the input */ index: number };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

export function expandVars(
  input: string,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  atStart = true,
): Expanded {
  let out = "";
  let i = 0;
  // `~` only at the start, alone or before a separator, as in the shell; `~user` is left alone.
  if (atStart && (input === "~" || input.startsWith("~/") || input.startsWith("~\\"))) {
    out = home;
    i = 1;
  }
  while (i < input.length) {
    const ch = input[i]!;
    if (ch !== "$") {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const close = input.indexOf("}", i + 2);
      const body = close < 0 ? "" : input.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s.exec(body);
      if (close < 0 || !m) {
        // Not a variable reference we understand: keep it literally.
        out += ch;
        i++;
        continue;
      }
      const name = m[1]!;
      const fallback = m[2];
      const value = env[name];
      if (fallback !== undefined && (value === undefined || value === "")) {
        // As in the shell, the default is expanded too (`${XDG_CONFIG_HOME:-~/.config}`).
        const inner = expandVars(fallback, env, home, i === 0);
        if (!inner.ok) return { ...inner, index: i + 2 + name.length + 2 + inner.index };
        out += inner.value;
      } else if (value === undefined) return { ok: false, variable: name, index: i };
      else out += value;
      i = close + 1;
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(input);
    if (!m) {
      out += ch;
      i++;
      continue;
    }
    const value = env[m[0]];
    if (value === undefined) return { ok: false, variable: m[0], index: i };
    out += value;
    i += 1 + m[0].length;
  }
  return { ok: true, value: out };
}
