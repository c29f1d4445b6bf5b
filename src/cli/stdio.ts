// stdout and stderr without Node's stream objects when they are a pipe, a file or a socket
// (POSIX), or /dev/null: creating process.stdout loads about 25 built-in modules (streams, net),
// a few ms of every start. A terminal (any other character device) still gets process.stdout,
// so that isTTY stays Node's answer. The writes are synchronous, as Node's are for pipes and
// files on POSIX, so their order and completion at exit are the same.

import { errnoCode, realFs } from "../platform/fs.js";
import { HOST_OS } from "../platform/os.js";

export interface StdioStream {
  isTTY: boolean;
  write(text: string): void;
}

const NAP = new Int32Array(new SharedArrayBuffer(4));

// Every byte, even on a descriptor someone left non-blocking (EAGAIN: wait 1 ms and go on).
// Any other failure (EPIPE: the reader is gone) ends the process as Node's stream does, with
// the error thrown on the next tick (exit 1), and nothing more is written.
function writer(fd: number): (text: string) => void {
  let broken = false;
  return (text) => {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    while (!broken && off < buf.length) {
      try {
        off += realFs.writeSync(fd, buf, off, buf.length - off);
      } catch (err) {
        if (errnoCode(err) === "EAGAIN") {
          Atomics.wait(NAP, 0, 0, 1);
          continue;
        }
        broken = true;
        process.nextTick(() => {
          throw err;
        });
      }
    }
  };
}

function plain(fd: number): boolean {
  if (HOST_OS === "win32") return false;
  try {
    const st = realFs.fstatSync(fd);
    if (st.isFIFO() || st.isFile() || st.isSocket()) return true;
    // /dev/null (a character device, but never a terminal)
    return st.isCharacterDevice() && st.rdev === realFs.statSync("/dev/null").rdev;
  } catch {
    return false;
  }
}

// fd 1 or 2: a direct writer when the descriptor is plain, else Node's stream.
export function stdio(fd: 1 | 2): StdioStream {
  if (plain(fd)) return { isTTY: false, write: writer(fd) };
  const stream = fd === 1 ? process.stdout : process.stderr;
  return { isTTY: Boolean(stream.isTTY), write: (text) => void stream.write(text) };
}
