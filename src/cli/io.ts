// Everything a command may touch of the outside world, passed in (tests give a fake).

export interface IO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Listen for SIGINT/SIGTERM until the returned function is called (the bin gives the process;
   * tests may leave it out). A second signal is not caught: it ends the process at once.
   */
  onSignal?: (handler: (signal: "SIGINT" | "SIGTERM") => void) => () => void;
}
