// Tiny ANSI helpers. Whether to colour is decided once at the CLI edge and passed in; this
// module never looks at the terminal or the environment.

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const ON: Paint = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  magenta: wrap(35, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22),
};

const same = (s: string) => s;
const OFF: Paint = { red: same, green: same, yellow: same, cyan: same, magenta: same, bold: same, dim: same };

// Colour functions when `color` is true, identity functions otherwise.
export function paint(color: boolean): Paint {
  return color ? ON : OFF;
}
