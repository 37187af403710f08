// `raw`, `comment` and the inline comment `{% # … %}`.
import type { Context, Emitter } from 'liquidjs';
import type { NativeTag, Node } from '../parser';
import { isTag, type RubyTagToken } from '../tokens';
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

export const commentTag: NativeTag = (token, state) => {
  let depth = 1;
  while (state.pos < state.list.length) {
    const t = state.list[state.pos++];
    if (!isTag(t)) continue;
    if (t.name === 'comment') depth++;
    else if (t.name === 'endcomment' && --depth === 0) return new StaticNode(token, '', true);
    else if (t.name === 'raw') {
      // A raw block inside a comment hides its `endcomment`.
      while (state.pos < state.list.length) { const r = state.list[state.pos++]; if (isTag(r) && r.name === 'endraw') break; }
    }
  }
  throw neverClosed('comment');
};

export const inlineCommentTag: NativeTag = (token) => {
  if (token.args.split('\n').some((line, i) => i > 0 && line.trim() && !line.trim().startsWith('#'))) {
    throw new LiquidSyntaxError('Syntax error in tag \'#\' - Each line of comments must be prefixed by the \'#\' character');
  }
  return new StaticNode(token, '', true);
};
