// The CLI's entry (bundled into dist/cli-core.cjs, which the bin dist/cli.cjs loads): the only
// file that touches process.argv, stdout, env, signals or exitCode.

import { run } from "./run.js";

void run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
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
