# Login shells read this; keep the real setup in .bashrc.
[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"
