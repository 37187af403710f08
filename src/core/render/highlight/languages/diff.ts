// Unified diffs and patches, modelled on Rouge's `diff` lexer: one class per line by its first character.
import type { Grammar } from '../lexer';

export const DIFF: Grammar = {
  name: 'diff',
  states: {
    root: [
      [/^ .*$\n?/, ''],
      [/^---$\n?/, 'p'],
      [/^[+>]+.*$\n?/, 'gi'],
      [/^\+.*$\n?/, 'gi'],
      [/^[-<]+.*$\n?/, 'gd'],
      [/^!.*$\n?/, 'gs'],
      [/^([Ii]ndex|diff).*$\n?/, 'gh'],
      [/^(@@[^@]*@@)([^\n]*\n)/, ['p', '']],
      [/^\w.*$\n?/, 'p'],
      [/^=.*$\n?/, 'gh'],
      [/\s.*$\n?/, ''],
    ],
  },
};
