alias ll='ls -lAh'
alias gs='git status -sb'
