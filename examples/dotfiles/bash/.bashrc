# ~/.bashrc — managed by linkfarm (examples/dotfiles/bash/.bashrc)
[ -z "$PS1" ] && return

HISTSIZE=50000
HISTCONTROL=ignoreboth:erasedups
shopt -s histappend checkwinsize globstar

export EDITOR=nvim
export PATH="$HOME/.local/bin:$PATH"

for f in "$HOME"/.config/shell/*.sh; do
  [ -r "$f" ] && . "$f"
done
