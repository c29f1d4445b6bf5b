// The starter manifest written by `linkfarm init`. It validates as written, and with any of its
// commented examples uncommented (test/cli/init.test.ts checks each). Examples are blocks of
// `  # ` lines separated by blank lines.

export const SCHEMA_URL = "https://unpkg.com/linkfarm/schema/linkfarm.schema.json";

export const STARTER_MANIFEST = `# yaml-language-server: $schema=${SCHEMA_URL}
# Offline, point the line above at node_modules/linkfarm/schema/linkfarm.schema.json
# Check this file with \`linkfarm validate\`; see the changes with \`linkfarm plan\`.
version: 1

source: .            # root of relative sources: this file's directory
target: ~            # root of relative targets: your home directory

defaults:
  type: symlink      # symlink | hardlink | junction | auto
  relative: false    # symlinks store a path relative to the link's directory
  mkdirs: true       # create missing parent directories of a target
  conflict: fail     # fail | backup | overwrite | adopt

ignore: ["**/.git/**", "**/.DS_Store"]
prune: true          # remove links made earlier that are no longer declared

links:              # nothing yet; uncomment an example below (remove "# ") to add a link
  # - source: bash/.bashrc          # a file: one link
  #   target: .bashrc

  # - source: nvim                  # a directory: one link to the directory itself
  #   target: .config/nvim

  # - source: bin                   # tree: one link per file below, real directories made
  #   target: .local/bin
  #   tree: true

  # - source: "fonts/*.ttf"         # glob: each match into the target directory (trailing /)
  #   target: .local/share/fonts/

  # - source: ssh/config
  #   target: .ssh/config
  #   optional: true                # a missing source is skipped, not an error
  #   when: { os: [linux, darwin] }
`;
