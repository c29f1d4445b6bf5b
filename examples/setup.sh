#!/usr/bin/env bash
# Bootstrap a machine with your dotfiles: fetch the repository, then let linkfarm make the
# links. Idempotent: run it again at any time; when everything is in place it changes nothing.
#
#   curl -fsSL https://example.org/you/dotfiles/raw/main/setup.sh | bash
#   DOTFILES_REPO=git@github.com:you/dotfiles.git bash setup.sh
#
# Settings (environment):
#   DOTFILES_REPO   git URL or path of the dotfiles repository (required on first run)
#   DOTFILES_DIR    where it lives on this machine (default: ~/dotfiles)
#   LINKFARM        how to run linkfarm (default: `linkfarm` if installed, else `npx --yes linkfarm`)
#   CONFLICT        what to do with files in the way on first run: fail (default), backup,
#                   overwrite or adopt; see `linkfarm apply --help`
set -euo pipefail

DOTFILES_DIR=${DOTFILES_DIR:-$HOME/dotfiles}
CONFLICT=${CONFLICT:-fail}

if [[ -n ${LINKFARM:-} ]]; then
  read -r -a lf <<<"$LINKFARM"
elif command -v linkfarm >/dev/null 2>&1; then
  lf=(linkfarm)
else
  lf=(npx --yes linkfarm)
fi

say() { printf 'setup: %s\n' "$*"; }

# 1. The repository: clone once, later fast-forward only (never merge or discard local work).
if [[ -d $DOTFILES_DIR/.git ]]; then
  before=$(git -C "$DOTFILES_DIR" rev-parse HEAD)
  git -C "$DOTFILES_DIR" pull --ff-only --quiet
  [[ $(git -C "$DOTFILES_DIR" rev-parse HEAD) == "$before" ]] && say "dotfiles up to date" || say "dotfiles updated"
elif [[ -e $DOTFILES_DIR ]]; then
  say "$DOTFILES_DIR exists and is not a git repository; using it as it is"
else
  : "${DOTFILES_REPO:?set DOTFILES_REPO to the git URL of your dotfiles}"
  git clone --quiet "$DOTFILES_REPO" "$DOTFILES_DIR"
  say "cloned $DOTFILES_REPO into $DOTFILES_DIR"
fi

manifest=$DOTFILES_DIR/linkfarm.yaml

# 2. Check, then apply only when something would change (exit 2 from --detailed-exitcode).
"${lf[@]}" validate -c "$manifest" --quiet
code=0
"${lf[@]}" plan -c "$manifest" --conflict "$CONFLICT" --detailed-exitcode --quiet || code=$?
case $code in
  0) say "links already in place; nothing to do" ;;
  2) "${lf[@]}" apply -c "$manifest" --conflict "$CONFLICT"
     say "links applied" ;;
  *) "${lf[@]}" plan -c "$manifest" --conflict "$CONFLICT" >&2 || true
     say "linkfarm cannot apply this plan (see above); nothing was changed" >&2
     exit 1 ;;
esac
