// `raw`, `comment` and the inline comment `{% # … %}`.
import type { Context, Emitter } from 'liquidjs';
import { type NativeTag, type Node, parseBody } from '../parser';
import type { RubyTagToken } from '../tokens';
import { LiquidSyntaxError } from '../values';
import { neverClosed } from './conditional';

const RAW_END = /^([\s\S]*)\{%\s*(\w+)\s*([\s\S]*)?%\}$/;

class StaticNode implements Node {
  constructor(readonly token: RubyTagToken, private readonly text: string, readonly blank: boolean) {}
  render(_ctx: Context, emitter: Emitter): void { if (this.text) emitter.write(this.text); }
}

export const rawTag: NativeTag = (token, state) => {
  if (!/^\s*$/.test(token.args)) throw new LiquidSyntaxError("Syntax Error in 'raw' - Valid syntax: raw");
  let body = '';
  while (state.pos < state.list.length) {
    const t = state.list[state.pos++];
    const text = t.getText();
    const m = RAW_END.exec(text);
    if (m && m[2] === 'endraw') {
      body += m[1];
      return new StaticNode(token, body, body === '');
    }
    body += text;
  }
  throw neverClosed('raw');
};

/** Ruby parses a comment's body like any other (its tags must be well formed) and ignores unknown tags. */
export const commentTag: NativeTag = (token, state) => {
  const body = { nodes: [], blank: true };
  for (;;) {
    const { end } = parseBody(state, body, true);
    if (!end) throw neverClosed('comment');
    if (end.name === 'endcomment') return new StaticNode(token, '', true);
  }
};

export const inlineCommentTag: NativeTag = (token) => {
  if (token.args.split('\n').some((line, i) => i > 0 && line.trim() && !line.trim().startsWith('#'))) {
    throw new LiquidSyntaxError('Syntax error in tag \'#\' - Each line of comments must be prefixed by the \'#\' character');
  }
  return new StaticNode(token, '', true);
};
