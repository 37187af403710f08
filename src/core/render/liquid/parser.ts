// Ruby Liquid's document parser (Liquid::BlockBody), producing liquidjs templates: our own nodes for
// Liquid's standard tags and `{{ }}`, liquidjs's tag classes for everything registered on the engine
// (Jekyll's tags, plugins'). A tag that cannot be parsed becomes an error node that costs that tag only.
import { type Context, type Emitter, type Liquid, Parser, type Template, type TopLevelToken } from 'liquidjs';
import { RubyOutputToken, RubyTagToken, type RubyToken, TextToken, tokenize } from './tokens';
import { LiquidSyntaxError, toS } from './values';
import { type LiquidRuntime, Variable } from './variable';

/** A parsed node: a liquidjs Template that knows whether Ruby would call it blank. */
export interface Node extends Template { blank?: boolean }

export interface ParseState {
  list: RubyToken[];
  pos: number;
  rt: LaxRuntime;
  depth: number;
  /** For error recovery: where each block tag's end tag is (worked out on the first error). */
  ends?: Map<number, number>;
}

/** A tag implemented here: parses its markup (and, for blocks, its body) from the state. */
export type NativeTag = (token: RubyTagToken, state: ParseState) => Node;

export interface LaxRuntime extends LiquidRuntime {
  tags: Map<string, NativeTag>;
  /** Parse errors cost one tag (the preview) or the template (Ruby, and the peer suite). */
  isolateErrors: boolean;
  /** A tag no one registered: a marker node (preview) or Ruby's "Unknown tag" error. */
  unknownTag(token: RubyTagToken): Node;
  /** What an error costing one node renders as. */
  errorNode(token: RubyToken, error: unknown): Node;
}

export class TextNode implements Node {
  readonly str: string;
  readonly blank: boolean;
  constructor(readonly token: TextToken) {
    this.str = token.getContent();
    this.blank = /^\s*$/.test(this.str);
  }
  render(_ctx: Context, emitter: Emitter): void { emitter.write(this.str); }
}

export class OutputNode implements Node {
  readonly blank = false;
  readonly variable: Variable;
  constructor(readonly token: RubyOutputToken, rt: LiquidRuntime) { this.variable = new Variable(token.markup, rt); }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const v = yield* this.variable.value(ctx);
    emitter.write(toS(v));
  }
}

export interface Body { nodes: Node[]; blank: boolean }
export interface BodyEnd { name: string; markup: string; token: RubyTagToken }

/** Names a block tag may end a body with (Ruby yields unregistered tags to the block). */
const DELIMITER = /^(end\w*|else|elsif|when)$/;

/** Ruby's Block::MAX_DEPTH. */
const MAX_DEPTH = 100;

/**
 * Parses nodes until a tag no one registered that looks like a delimiter (`endif`, `else`…), returned
 * as `end` for the enclosing block to judge; `end` is undefined at the end of the template.
 */
export function parseBody(state: ParseState, body: Body = { nodes: [], blank: true }, yieldUnknown = false): { body: Body; end?: BodyEnd } {
  const { rt, list } = state;
  if (state.depth >= MAX_DEPTH) throw new LiquidSyntaxError('Nesting too deep');
  state.depth++;
  try {
    while (state.pos < list.length) {
      const token = list[state.pos++];
      if (token instanceof TextToken) {
        const n = new TextNode(token);
        if (n.str) { body.nodes.push(n); body.blank &&= n.blank; }
        continue;
      }
      const start = state.pos;
      let node: Node;
      try {
        if (token instanceof RubyOutputToken) {
          if (!token.valid) throw new LiquidSyntaxError(`Variable '${token.getText()}' was not properly terminated with regexp: /\\}\\}/`);
          node = new OutputNode(token, rt);
        } else {
          if (!token.valid) throw new LiquidSyntaxError(`Tag '${token.getText()}' was not properly terminated with regexp: /\\%\\}/`);
          const native = rt.tags.get(token.name);
          if (native) node = native(token, state);
          else if (rt.engine.tags[token.name]) node = foreignTag(token, state);
          else if (yieldUnknown || (DELIMITER.test(token.name) && !pluginEnd(token.name, rt))) return { body, end: { name: token.name, markup: token.args, token } };
          else node = rt.unknownTag(token);
        }
      } catch (e) {
        if (!rt.isolateErrors || isNestingError(e)) throw e;
        // The tag is lost, with the block it opens when its end tag can be found; otherwise what it
        // would have enclosed is parsed again at this level.
        const after = token instanceof RubyTagToken && token.valid ? blockEnd(state, start - 1) : -1;
        state.pos = after >= 0 ? after : start;
        node = rt.errorNode(token, e);
      }
      body.nodes.push(node);
      body.blank &&= node.blank === true;
    }
    return { body };
  } finally {
    state.depth--;
  }
}

/**
 * In the preview, `{% endtabs %}` of a plugin's block tag (`tabs`, which it does not know) is part of
 * that plugin's markup, shown as a marker like its opening tag, not an error of the enclosing block.
 */
function pluginEnd(name: string, rt: LaxRuntime): boolean {
  if (!rt.isolateErrors || !name.startsWith('end') || name.length === 3) return false;
  const base = name.slice(3);
  return !rt.tags.has(base) && !rt.engine.tags[base];
}

/** The position after the `end<name>` closing the tag at `at`, or -1 (all pairs found in one pass). */
function blockEnd(state: ParseState, at: number): number {
  if (!state.ends) {
    const ends = new Map<number, number>();
    const open = new Map<string, number[]>();
    state.list.forEach((t, i) => {
      if (!(t instanceof RubyTagToken) || !t.valid) return;
      if (t.name.startsWith('end') && t.name.length > 3) { const o = open.get(t.name.slice(3))?.pop(); if (o !== undefined) ends.set(o, i + 1); } else {
        let stack = open.get(t.name);
        if (!stack) open.set(t.name, (stack = []));
        stack.push(i);
      }
    });
    state.ends = ends;
  }
  return state.ends.get(at) ?? -1;
}

function isNestingError(e: unknown): boolean {
  return e instanceof LiquidSyntaxError && e.message === 'Nesting too deep';
}

/**
 * A liquidjs tag class (Jekyll's, plugins'), given the rest of the tokens to consume. The tag gets a
 * window of the tokens, not a copy of all of them (a copy per tag made a post full of `{% include %}`
 * quadratic): up to its `end<name>` when it has one, else one token. A tag that runs out of its
 * window (or fails inside it) is constructed again over the whole rest, so what it sees is the same.
 */
function foreignTag(token: RubyTagToken, state: ParseState): Node {
  const rest = state.list.length - state.pos;
  const end = blockEnd(state, state.pos - 1);
  const window = Math.min(rest, end >= 0 ? end - state.pos : 1);
  if (window < rest) {
    let tag: Node | undefined;
    let remain: TopLevelToken[] = [];
    try {
      remain = state.list.slice(state.pos, state.pos + window) as unknown as TopLevelToken[];
      tag = constructForeign(token, remain, state);
    } catch {
      tag = undefined;
    }
    const last = state.list[state.pos + window - 1 - remain.length];
    const closed = remain.length > 0 || (end >= 0 && last instanceof RubyTagToken && last.name === 'end' + token.name);
    if (tag && closed) {
      state.pos += window - remain.length;
      return tag;
    }
  }
  const remain = state.list.slice(state.pos) as unknown as TopLevelToken[];
  const tag = constructForeign(token, remain, state);
  state.pos = state.list.length - remain.length;
  return tag;
}

function constructForeign(token: RubyTagToken, remain: TopLevelToken[], state: ParseState): Node {
  const TagClass = state.rt.engine.tags[token.name] as unknown as new (t: unknown, r: TopLevelToken[], l: Liquid, p: unknown) => Node;
  // liquidjs's own parser for the tokens liquidjs tags make themselves (`include`'s file name), ours for ours.
  const parser = new Parser(state.rt.engine);
  const liquidjsParseToken = parser.parseToken.bind(parser);
  parser.parseToken = ((t: TopLevelToken, r: TopLevelToken[]) => (t instanceof TextToken || t instanceof RubyOutputToken || t instanceof RubyTagToken
    ? parseOne(t, r as unknown as RubyToken[], state.rt) : liquidjsParseToken(t, r))) as typeof parser.parseToken;
  return new TagClass(token, remain, state.rt.engine, parser);
}

/** One token for a liquidjs block tag reading its body token by token (`rest` is consumed as used). */
function parseOne(token: RubyToken, rest: RubyToken[], rt: LaxRuntime): Node {
  if (token instanceof TextToken) return new TextNode(token);
  const state: ParseState = { list: rest, pos: 0, rt, depth: 1 };
  try {
    let node: Node;
    if (token instanceof RubyOutputToken) {
      if (!token.valid) throw new LiquidSyntaxError(`Variable '${token.getText()}' was not properly terminated with regexp: /\\}\\}/`);
      node = new OutputNode(token, rt);
    } else {
      const native = rt.tags.get(token.name);
      node = native ? native(token, state) : rt.engine.tags[token.name] ? foreignTag(token, state) : rt.unknownTag(token);
    }
    rest.splice(0, state.pos);
    return node;
  } catch (e) {
    if (!rt.isolateErrors) throw e;
    return rt.errorNode(token, e);
  }
}

/** Ruby's Document: the whole template; an unmatched `endif` or `else` is an error of its own. */
export function parseDocument(source: string, file: string | undefined, rt: LaxRuntime, firstLine = 1): Node[] {
  const state: ParseState = { list: tokenize(source, file, rt.engine.options.operators, firstLine), pos: 0, rt, depth: 0 };
  const nodes: Node[] = [];
  for (;;) {
    const { body, end } = parseBody(state);
    nodes.push(...body.nodes);
    if (!end) return nodes;
    const error = new LiquidSyntaxError(end.name === 'else' || end.name === 'elsif' || end.name === 'when'
      ? `Unexpected ${end.name} tag` : `Unknown tag '${end.name}'`);
    if (!rt.isolateErrors) throw error;
    nodes.push(rt.errorNode(end.token, error));
  }
}

/** Ruby's remove_blank_strings for a blank block's bodies. */
export function stripBlank(bodies: Array<Body | undefined>): void {
  if (bodies.every((b) => !b || b.blank)) for (const b of bodies) if (b) b.nodes = b.nodes.filter((n) => !(n instanceof TextNode));
}

/** Renders a body through liquidjs (its render limits, `break`/`continue`, per-node error isolation). */
export function renderBody(rt: LiquidRuntime, nodes: Node[], ctx: Context, emitter: Emitter): unknown {
  return rt.engine.renderer.renderTemplates(nodes, ctx, emitter);
}
