// Help texts: one per command, each with an example.

import type { CommandName } from "./args.js";

const GLOBAL = `Global options:
  -c, --config FILE     use this manifest instead of searching from the current directory
      --state FILE      use this state file instead of the one under $LINKFARM_STATE_DIR
  -q, --quiet           print nothing when all is well; problems are still printed
  -v, --verbose         print ok links too, and links skipped by when or optional
      --color, --no-color
                        force or disable colour (NO_COLOR and FORCE_COLOR are honoured)
  -h, --help            show help (also: linkfarm COMMAND --help)
  -V, --version         print the version`;

export const MAIN_HELP = `linkfarm — keep hard and soft links in the shape a YAML manifest declares

Usage: linkfarm COMMAND [options]

Commands:
  plan       show what apply would change
  apply      make the disk match the manifest
  status     show the links linkfarm manages and their health
  unlink     remove every link this manifest manages
  validate   check the manifest only
  init       write a starter manifest
  schema     print the manifest's JSON Schema
  completion print a shell completion script (bash, zsh, fish)
  import     translate a GNU Stow or dotbot setup into a linkfarm.yaml

${GLOBAL}

Exit codes: 0 success, 1 failure, 2 changes pending (plan --detailed-exitcode only).

Example:
  linkfarm plan && linkfarm apply
`;

export const COMMAND_HELP: Record<CommandName, string> = {
  plan: `Usage: linkfarm plan [SELECTOR...] [options]

Read the manifest, observe the disk, and print what apply would change. Changes nothing.
SELECTORs (entry names or target paths: \`vim ~/.config/nvim\`) narrow it to those links.

Options:
      --json                one JSON document on stdout (same as --format json)
      --format FORMAT       text (default), json or markdown
      --out FILE            save the plan, to run later with \`linkfarm apply FILE\`
      --detailed-exitcode   exit 0 when in sync, 2 when changes are pending, 1 on error
      --conflict POLICY     fail, backup, overwrite, adopt or newer, for every link

Example:
  linkfarm plan --detailed-exitcode --format markdown >> "$GITHUB_STEP_SUMMARY"
`,
  apply: `Usage: linkfarm apply [PLANFILE | SELECTOR...] [options]

Make the disk match the manifest: create missing links, repair broken ones, remove links
linkfarm made that are no longer declared. With PLANFILE (an existing *.json file), run
exactly that saved plan. SELECTORs (entry names or target paths) act on those links only;
prune too stays inside them (\`linkfarm apply vim\` never removes what bash made).

Options:
  -n, --dry-run             print the plan and change nothing
      --json                one JSON document on stdout (same as --format json)
      --format FORMAT       text (default) or json; markdown with --dry-run
      --conflict POLICY     fail, backup, overwrite, adopt or newer, for every link
      --lock-timeout S      wait at most S seconds for another apply (default 10)

Example:
  linkfarm plan --out plan.json && linkfarm apply plan.json
`,
  status: `Usage: linkfarm status [SELECTOR...] [options]

List the links linkfarm manages and their health (ok, dangling, diverged, missing,
replaced), hard links with their link count.

Options:
      --json                one JSON document on stdout

Example:
  linkfarm status --json
`,
  unlink: `Usage: linkfarm unlink [SELECTOR...] [options]

Remove every link this manifest manages, with the same safety rules as prune: a link
that is the last name of its data, or that you changed, is forgotten (left in place, no
longer managed), not removed. Links and directories are counted apart. With SELECTORs
(entry names or target paths), only those (\`linkfarm unlink bash\`, like stow -D).

Options:
      --restore             rename backups back into place
  -n, --dry-run             print what would be removed and change nothing
      --json                one JSON document on stdout
      --lock-timeout S      wait at most S seconds for another apply (default 10)

Example:
  linkfarm unlink --restore
`,
  validate: `Usage: linkfarm validate [options]

Check the manifest only: YAML, schema, and rules. Prints FILE:LINE:COL for each problem.

Options:
      --json                {valid, file, links, diagnostics} as one JSON document

Example:
  linkfarm validate -c dotfiles/linkfarm.yaml
`,
  init: `Usage: linkfarm init [FILE]

Write a starter manifest (default ./linkfarm.yaml; FILE's directory must exist) headed by a
schema comment for editors. Refuses to overwrite an existing file.

Example:
  linkfarm init && $EDITOR linkfarm.yaml
`,
  completion: `Usage: linkfarm completion bash|zsh|fish

Print a completion script for the shell.

Example:
  linkfarm completion bash > ~/.local/share/bash-completion/completions/linkfarm
  linkfarm completion zsh > "\${fpath[1]}/_linkfarm"
  linkfarm completion fish > ~/.config/fish/completions/linkfarm.fish
`,
  import: `Usage: linkfarm import dotbot [install.conf.yaml] [-o FILE]
       linkfarm import stow [-d DIR] [-t TARGET] [--fold] [--dotfiles] [--ignore=REGEX] PACKAGE... [-o FILE]

Translate a dotbot configuration or GNU Stow packages into a linkfarm.yaml (printed, or
written with -o). Anything that cannot be translated is listed on stderr. Printed, paths
are written for a file saved in the stow directory (dotbot: the configuration's directory).
import stow reads ~/.stowrc and ./.stowrc first, as Stow does.

Options:
  -o, --output FILE         write the manifest to FILE instead of stdout
  -d, --dir DIR             stow: the stow directory (default: the current directory)
  -t, --target DIR          stow: the target directory (default: the parent of the stow directory)
      --fold                stow: link whole directories where Stow would fold them
      --dotfiles            stow: translate dot-foo into .foo, like stow --dotfiles
      --ignore REGEX        stow: skip paths ending in REGEX, like stow --ignore (repeatable)
      --defer REGEX         stow: as Stow; cannot be carried (listed as dropped, exit 1)
      --override REGEX      stow: as Stow; linkfarm re-points links into the stow directory anyway

Example:
  cd ~/dotfiles && linkfarm import stow bash git nvim -o linkfarm.yaml
`,
  schema: `Usage: linkfarm schema

Print the manifest's JSON Schema (draft 2020-12).

Example:
  linkfarm schema > linkfarm.schema.json
`,
};

export function helpText(command?: CommandName): string {
  return command ? COMMAND_HELP[command] + "\n" + GLOBAL + "\n" : MAIN_HELP;
}
