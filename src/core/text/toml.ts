// TOML, read once for the whole extension: Hugo's `+++` front matter and `hugo.toml`. toml-eslint-parser
// gives every key, value, array item and table its source range, and the plain value of any node.
import { getStaticTOMLValue, parseTOML, type AST } from 'toml-eslint-parser';

export type TomlAst = AST.TOMLProgram;

export type TomlRead =
  | { readonly ok: true; readonly ast: TomlAst; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly message: string; /** Offset of the error in the text. */ readonly offset: number; /** 1-based. */ readonly line: number };

/** Hugo reads TOML 1.0 (go-toml v2). */
const OPTIONS = { tomlVersion: '1.0' } as const;

export function readToml(text: string): TomlRead {
  try {
    const ast = parseTOML(text, OPTIONS);
    return { ok: true, ast, value: getStaticTOMLValue(ast) as Record<string, unknown> };
  } catch (e) {
    const err = e as { message?: string; index?: number; lineNumber?: number };
    const offset = typeof err.index === 'number' ? Math.max(0, Math.min(err.index, text.length)) : 0;
    const line = typeof err.lineNumber === 'number' ? err.lineNumber : text.slice(0, offset).split('\n').length;
    return { ok: false, message: (err.message ?? 'invalid TOML').split('\n')[0], offset, line };
  }
}

/** The plain value of a node (strings, numbers, booleans, Dates, arrays, objects). */
export function tomlValue(node: AST.TOMLContentNode | AST.TOMLTable): unknown {
  return getStaticTOMLValue(node);
}
