// The `liquid` tag (Liquid 5.4): one tag per line, without delimiters.
import type { Context, Emitter } from 'liquidjs';
import { type NativeTag, type Node, parseBody, type ParseState, renderBody } from '../parser';
import { RubyTagToken, type RubyToken } from '../tokens';
import { LiquidSyntaxError } from '../values';
import type { LiquidRuntime } from '../variable';

const LIQUID_LINE = /^\s*(#|\w+)\s*([\s\S]*?)$/;

class ListNode implements Node {
  constructor(readonly token: RubyTagToken, private readonly nodes: Node[], readonly blank: boolean, private readonly rt: LiquidRuntime) {}
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield renderBody(this.rt, this.nodes, ctx, emitter);
  }
}

/** `{% liquid %}`: each line is a tag without delimiters (Liquid 5.4 allows no `liquid` inside it). */
export const liquidTag: NativeTag = (token, state) => {
  const start = token.argsBegin;
  const lines: RubyToken[] = [];
  let offset = start;
  for (const line of token.args.split('\n')) {
    const at = offset;
    offset += line.length + 1;
    if (!line.trim()) continue;
    const m = LIQUID_LINE.exec(line);
    if (!m) throw new LiquidSyntaxError(`Liquid syntax error: Unknown tag '${line.trim()}'`);
    if (m[1] === 'liquid') throw new LiquidSyntaxError("Unknown tag 'liquid'");
    const source = `{% ${m[1]} ${m[2]} %}`;
    const t = new RubyTagToken(source, 0, source.length, token.file, state.rt.engine.options.operators);
    // Errors name the line of the tag in the file.
    Object.assign(t, { input: token.input, begin: at, end: at + line.length, argsBegin: at + line.indexOf(m[2], line.indexOf(m[1]) + m[1].length),
      firstLine: (token as { firstLine?: number }).firstLine });
    Object.defineProperty(t, 'getText', { value: () => line.trim() });
    lines.push(t);
  }
  const inner: ParseState = { list: lines, pos: 0, rt: state.rt, depth: state.depth };
  const { body, end } = parseBody(inner);
  if (end) throw new LiquidSyntaxError(end.name.startsWith('end') || end.name === 'else' ? `Unknown tag '${end.name}'` : `Unknown tag '${end.name}'`);
  return new ListNode(token, body.nodes, body.blank, state.rt);
};

