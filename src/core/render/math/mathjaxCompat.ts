// TeX that MathJax (the blog's renderer) accepts and KaTeX rejects, brought to a form KaTeX reads the
// same way. KaTeX first gets the formula as written; only when it refuses does `mathJaxCompatible`
// rewrite it, so a formula KaTeX already reads is never changed.
//
// Handled:
// - `_` (and `^`, `#`, `%`…) is a plain character in MathJax's `\text{max_len}` (also `\textrm`, `\textit`,
//   `\textbf`, `\textsf`, `\texttt`, `\textnormal`, `\mbox`, `\hbox`); KaTeX wants `\_`;
// - a command with arguments as a bare script: `x^\vec{v}`, `a_\mathrm{max}`, `e^\frac{a}{b}` → `x^{\vec{v}}`;
// - MathJax's own commands: `\mbox`, `\require{…}` (ignored), `\label{…}` (ignored), `\eqref`/`\ref`,
//   `\DeclareMathOperator`, `\unicode{…}`, `\style{…}{x}`/`\class{…}{x}`/`\cssId{…}{x}` (as x),
//   `\bbox[…]{x}` (boxed), `\mathbbm`, `\idotsint`, plain-TeX `\matrix{…}`/`\pmatrix{…}`/`\bmatrix{…}`/`\cases{…}`,
//   `\displaylines{…}`, and the `eqnarray`/`eqnarray*` environments (as a right-centre-left array).
import type { KatexOptions } from 'katex';

type Macros = NonNullable<KatexOptions['macros']>;
interface MacroContext { consumeArgs(n: number): Array<Array<{ text: string }>> }

const gobble = (n: number) => (context: MacroContext) => {
  context.consumeArgs(n);
  return '';
};
/** The last of `n` arguments, as written (`\style{color:red}{x}` → `x`). */
const lastOf = (n: number) => (context: MacroContext) => `{${argText(context.consumeArgs(n)[n - 1])}}`;
// KaTeX hands arguments over as tokens in reverse; a control word needs its space back (`\\alpha x`).
const argText = (arg: Array<{ text: string }>) => arg.slice().reverse().map((t) => (/^\\[a-zA-Z]+$/.test(t.text) ? `${t.text} ` : t.text)).join('');

/** MathJax's macros KaTeX lacks (a fresh copy per render: `\DeclareMathOperator` defines into it). */
export function mathJaxMacros(): Macros {
  return {
    '\\mbox': '\\text{#1}',
    '\\require': gobble(1) as never,
    '\\label': gobble(1) as never,
    '\\eqref': '(\\text{#1})',
    '\\ref': '\\text{#1}',
    '\\DeclareMathOperator': '\\def#1{\\operatorname{#2}}',
    '\\unicode': ((context: MacroContext) => {
      const code = argText(context.consumeArgs(1)[0]).trim();
      return /^x/i.test(code) ? `\\char"${code.slice(1).toUpperCase()} ` : `\\char${code.replace(/\D/g, '') || '63'} `;
    }) as never,
    '\\style': lastOf(2) as never,
    '\\class': lastOf(2) as never,
    '\\cssId': lastOf(2) as never,
    '\\mathbbm': '\\mathbb{#1}',
    '\\idotsint': '\\int\\cdots\\int',
    '\\matrix': '\\begin{matrix}#1\\end{matrix}',
    '\\pmatrix': '\\begin{pmatrix}#1\\end{pmatrix}',
    '\\bmatrix': '\\begin{bmatrix}#1\\end{bmatrix}',
    '\\cases': '\\begin{cases}#1\\end{cases}',
    '\\displaylines': '\\begin{gathered}#1\\end{gathered}',
  };
}

const TEXT_COMMANDS = /\\(?:text(?:rm|it|bf|sf|tt|normal|up|md)?|mbox|hbox)\s*\{/g;

/** The index just after the brace group that opens at `open` (or -1 when it never closes). */
function groupEnd(tex: string, open: number): number {
  let depth = 0;
  for (let i = open; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** `_` `^` `#` `%` `&` `$` inside text commands are characters in MathJax: escape the ones left bare. */
function escapeTextArguments(tex: string): string {
  let out = '';
  let last = 0;
  for (const m of tex.matchAll(TEXT_COMMANDS)) {
    const open = m.index + m[0].length - 1;
    if (open < last) continue;
    const end = groupEnd(tex, open);
    if (end < 0) break;
    const body = tex.slice(open + 1, end - 1).replace(/(\\.)|([_#%&$])|\^/g, (_all, escaped?: string, ch?: string) =>
      escaped ?? (ch ? `\\${ch}` : '\\textasciicircum{}'));
    out += tex.slice(last, open + 1) + body + '}';
    last = end;
  }
  return out + tex.slice(last);
}

/** Arguments a command takes as a script (`x^\frac{a}{b}`); any other command followed by `{` takes one. */
const ARITY: Record<string, number> = { frac: 2, dfrac: 2, tfrac: 2, cfrac: 2, binom: 2, dbinom: 2, tbinom: 2, overset: 2, underset: 2, stackrel: 2, textcolor: 2, colorbox: 2 };

/** `^\vec{v}` → `^{\vec{v}}`: MathJax takes a command and its arguments as the script, KaTeX refuses. */
function braceScriptCommands(tex: string): string {
  const re = /([_^])\s*\\([a-zA-Z]+)(?=\s*[[{])/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(tex); m; m = re.exec(tex)) {
    if (m.index > 0 && tex[m.index - 1] === '\\') continue;
    let end = m.index + m[0].length;
    let args = ARITY[m[2]] ?? 1;
    const optional = /^\s*\[[^\]]*\]/.exec(tex.slice(end));
    if (optional) end += optional[0].length; // \sqrt[3]{x}
    for (; args > 0; args--) {
      const space = /^\s*/.exec(tex.slice(end))?.[0].length ?? 0;
      if (tex[end + space] !== '{') break;
      const close = groupEnd(tex, end + space);
      if (close < 0) return tex;
      end = close;
    }
    out += `${tex.slice(last, m.index)}${m[1]}{${tex.slice(m.index + 1, end).trim()}}`;
    last = end;
    re.lastIndex = end;
  }
  return out + tex.slice(last);
}

/** MathJax's `eqnarray` is an `rcl` array; `\bbox[…]{x}` a box around x. */
function environments(tex: string): string {
  return tex
    .replace(/\\begin\{eqnarray\*?\}/g, '\\begin{array}{rcl}')
    .replace(/\\end\{eqnarray\*?\}/g, '\\end{array}')
    .replace(/\\bbox\s*\[[^\]]*\]/g, '\\boxed');
}

/** The formula rewritten as KaTeX needs it to read it as MathJax does. */
export function mathJaxCompatible(tex: string): string {
  return braceScriptCommands(escapeTextArguments(environments(tex)));
}
