// Run by the win32 node.exe under Wine: what this runtime really does with each kind of link,
// looked at after the call (a call that "succeeds" proves nothing). Prints one JSON object.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const dir = process.argv[2];
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, "d"), { recursive: true });
const file = path.join(dir, "a.txt");
fs.writeFileSync(file, "probe");

function attempt(make, check) {
  try {
    make();
  } catch (err) {
    return { made: false, why: `${err.code || err.message}` };
  }
  try {
    return check() ? { made: true } : { made: false, why: "reported as made, but not the expected link" };
  } catch (err) {
    return { made: false, why: `reported as made, but lstat says ${err.code || err.message}` };
  }
}

const hard = path.join(dir, "hard.txt");
const out = {
  platform: process.platform,
  hardlink: attempt(
    () => fs.linkSync(file, hard),
    () => {
      const a = fs.statSync(file);
      const b = fs.statSync(hard);
      return a.ino === b.ino && a.dev === b.dev && b.nlink === 2;
    },
  ),
  symlinkFile: attempt(
    () => fs.symlinkSync(file, path.join(dir, "s.txt"), "file"),
    () => fs.lstatSync(path.join(dir, "s.txt")).isSymbolicLink(),
  ),
  symlinkDir: attempt(
    () => fs.symlinkSync(path.join(dir, "d"), path.join(dir, "sd"), "dir"),
    () => fs.lstatSync(path.join(dir, "sd")).isSymbolicLink(),
  ),
  junction: attempt(
    () => fs.symlinkSync(path.join(dir, "d"), path.join(dir, "j"), "junction"),
    () => fs.lstatSync(path.join(dir, "j")).isSymbolicLink(),
  ),
};
try {
  fs.linkSync(file, hard);
  out.eexist = "none";
} catch (err) {
  out.eexist = err.code;
}
process.stdout.write(JSON.stringify(out) + "\n");
