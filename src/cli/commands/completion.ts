// `linkfarm completion bash|zsh|fish`: print the completion script for the shell on stdout.

import { UserError } from "../../diagnostic.js";
import { assertNever } from "../../assert.js";
import { bashScript } from "../../completion/bash.js";
import { fishScript } from "../../completion/fish.js";
import { SHELLS, type Shell } from "../../completion/spec.js";
import { zshScript } from "../../completion/zsh.js";
import { closest } from "../../suggest.js";
import type { Settings } from "../args.js";
import type { IO } from "../io.js";

// The script text for one shell.
export function completionScript(shell: Shell): string {
  switch (shell) {
    case "bash":
      return bashScript();
    case "zsh":
      return zshScript();
    case "fish":
      return fishScript();
    default:
      return assertNever(shell);
  }
}

export async function runCompletion(settings: Settings, io: IO): Promise<number> {
  const shell = settings.args[0];
  if (shell === undefined) {
    throw new UserError(`\`linkfarm completion\` needs a shell: ${SHELLS.join(", ")}\nExample: linkfarm completion bash`);
  }
  if (!(SHELLS as readonly string[]).includes(shell)) {
    const guess = closest(shell, SHELLS);
    throw new UserError(
      `unknown shell "${shell}"; linkfarm completes ${SHELLS.join(", ")}` + (guess ? `\nDid you mean \`linkfarm completion ${guess}\`?` : ""),
    );
  }
  io.stdout(completionScript(shell as Shell));
  return 0;
}
