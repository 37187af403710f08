// The Rouge-modelled lexers, by every name and alias Rouge gives them (case-sensitive, as in Rouge).
import type { Grammar } from './lexer';
import { C, CPP } from './languages/c';

const TABLE: [Grammar, string[]][] = [
  [C, ['c']],
  [CPP, ['cpp', 'c++']],
];

export const GRAMMARS: ReadonlyMap<string, Grammar> = new Map(TABLE.flatMap(([g, names]) => names.map((n) => [n, g] as [string, Grammar])));
