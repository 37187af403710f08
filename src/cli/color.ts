// Terminal colour for the command line: only on a terminal, never with NO_COLOR (https://no-color.org),
// FORCE_COLOR to ask for it anyway (a CI log that renders ANSI). NO_COLOR wins over both.

export type Env = Record<string, string | undefined>;

/** Whether output to a stream should carry ANSI colour. */
export function wantsColor(env: Env, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

const CODES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
export type Style = keyof typeof CODES;

/** `paint(on)('red', s)`: s wrapped in the style's ANSI codes, or s itself when colour is off. */
export function paint(on: boolean): (style: Style, s: string) => string {
  return on ? (style, s) => `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : (_style, s) => s;
}
