// The CLI's entry (bundled into dist/cli-core.cjs, which the bin dist/cli.cjs loads): the only
// file that touches process.argv, stdout (through stdio.ts), env, signals or exitCode.

import { run } from "./run.js";
import { stdio } from "./stdio.js";

const out = stdio(1);
const err = stdio(2);
void run(process.argv.slice(2), {
  stdout: (text) => out.write(text),
  stderr: (text) => err.write(text),
  stdoutIsTTY: out.isTTY,
  stderrIsTTY: err.isTTY,
  cwd: process.cwd(),
  env: process.env,
  onSignal(handler) {
    const signals = ["SIGINT", "SIGTERM"] as const;
    const off = () => {
      for (const s of signals) process.off(s, listeners[s]);
    };
    const listeners = {
      SIGINT: () => (off(), handler("SIGINT")),
      SIGTERM: () => (off(), handler("SIGTERM")),
    };
    for (const s of signals) process.once(s, listeners[s]);
    return off;
  },
}).then((code) => {
  process.exitCode = code;
});
