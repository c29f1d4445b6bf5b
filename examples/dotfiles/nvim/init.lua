-- Neovim entry point, linked as a whole directory: ~/.config/nvim -> examples/dotfiles/nvim
vim.opt.number = true
vim.opt.relativenumber = true
vim.opt.expandtab = true
vim.opt.shiftwidth = 2
require("keymaps")
