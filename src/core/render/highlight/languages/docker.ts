// Dockerfiles, modelled on Rouge's `docker` lexer: an instruction keyword and its arguments as a string;
// `RUN` lines are shell, lexed by one shell lexer that carries on across a line continuation.
import type { Grammar } from '../lexer';
import { SHELL } from './shell';

const KEYWORDS = 'FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|STOPSIGNAL|HEALTHCHECK|SHELL';

export const DOCKER: Grammar = {
  name: 'docker',
  states: {
    root: [
      [/\s+/, ''],
      [/^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)/i, ['k', 'w', 's', 'w', 'k', 'w', 's']],
      [new RegExp(`^(ONBUILD)(\\s+)(${KEYWORDS})(.*)`, 'i'), ['k', 'w', 'k', 's']],
      [new RegExp(`^(${KEYWORDS})\\b(.*)`, 'i'), ['k', 's']],
      [/#.*?$/, 'c'],
      [/^(ONBUILD\s+)?RUN(\s+)/i, (m, c) => {
        c.token('k', m[0]);
        c.push('run');
        c.reset('shell');
      }],
      [/\w+/, ''],
      [/[^\w]+/, ''],
      [/./, ''],
    ],
    run: [
      [/\n/, '', '#pop'],
      [/\\./s, 'se'],
      [/(\\.|[^\n\\])+/, (m, c) => c.delegate(m[0], SHELL, 'shell')],
    ],
  },
};
