#!/usr/bin/env node
// The plain Node floor for an uncached in-sync plan: the readdir + lstat + readlink calls that
// observing a farm cannot avoid, made from Node with the same sync fs calls, nothing else (no
// manifest, no planning, no report). It walks each package's source tree (readdir with file
// types, as the source walk does) and, for every file found, lstats its target and reads the
// link. Usage: node bench/floor-observe.mjs PKGS_DIR HOME_DIR PACKAGE... (a farm made by
// bench/gen-farm.mjs). Prints how many targets were symlinks.

import * as fs from "node:fs";
import * as path from "node:path";

const [pkgs, home, ...packages] = process.argv.slice(2);
if (!pkgs || !home || packages.length === 0) {
  console.error("usage: floor-observe PKGS_DIR HOME_DIR PACKAGE...");
  process.exit(2);
}

let links = 0;
function walk(srcDir, targetDir) {
  for (const e of fs.readdirSync(srcDir, { withFileTypes: true })) {
    const target = path.join(targetDir, e.name);
    if (e.isDirectory()) {
      walk(path.join(srcDir, e.name), target);
      continue;
    }
    const st = fs.lstatSync(target, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) {
      fs.readlinkSync(target);
      links++;
    }
  }
}
for (const p of packages) walk(path.join(pkgs, p), home);
console.log(links);
