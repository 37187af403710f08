// kramdown's inline attribute lists (`{: .class #id key="v" ref}`) and attribute list definitions
// (`{:ref: .class}`), parsed with kramdown's own patterns.
import type MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

export interface AttributeList {
  /** Attributes in the order written (`class` accumulates, `id` is replaced). */
  attrs: Map<string, string>;
  /** Names of attribute list definitions to apply (`toc` among them). */
  refs: string[];
}

const ID_NAME = String.raw`\w[\w-]*`;
const KEY_VALUE = String.raw`(${ID_NAME})=("|')((?:\\\}|\\\2|[^}])*?)\2`;
const CLASS_NAME = String.raw`\.([^\s.#]+)`;
const ID_ATTR = String.raw`#([A-Za-z][\w:-]*)`;
const ID_OR_CLASS_MULTI = String.raw`((?:${ID_ATTR}|${CLASS_NAME})+)`;
const ANY = new RegExp(String.raw`(?:^|\s)(?:${KEY_VALUE}|(${ID_NAME})|${ID_OR_CLASS_MULTI})(?=\s|$)`, 'g');
const ID_OR_CLASS = new RegExp(String.raw`${ID_ATTR}|${CLASS_NAME}`, 'g');

export function emptyAttributeList(): AttributeList {
  return { attrs: new Map(), refs: [] };
}

/** Parses the inside of `{: …}` into `into` (kramdown's `parse_attribute_list`). */
export function parseAttributeList(text: string, into: AttributeList = emptyAttributeList()): AttributeList {
  for (const m of text.matchAll(ANY)) {
    const [, key, quote, value, ref, idOrClass] = m;
    if (ref) into.refs.push(ref);
    else if (idOrClass) {
      for (const c of idOrClass.matchAll(ID_OR_CLASS)) {
        if (c[2] !== undefined) addClass(into.attrs, c[2]);
        else into.attrs.set('id', c[1]);
      }
    } else if (key) {
      into.attrs.set(key, value.replace(new RegExp(String.raw`\\(\}|${quote})`, 'g'), '$1'));
    }
  }
  return into;
}

function addClass(attrs: Map<string, string>, cls: string): void {
  const old = attrs.get('class');
  attrs.set('class', old ? `${old} ${cls}` : cls);
}

/** Merges `from` into `into` the way kramdown's `update_ial_with_ial` does. */
export function mergeAttributeList(into: AttributeList, from: AttributeList): void {
  into.refs.push(...from.refs);
  for (const [k, v] of from.attrs) {
    if (k === 'class') addClass(into.attrs, v);
    else into.attrs.set(k, v);
  }
}

/** The attributes an IAL gives, with referenced definitions applied first (cycles are cut). */
export function resolveAttributeList(ial: AttributeList, alds: Map<string, AttributeList>, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  for (const ref of ial.refs) {
    const ald = alds.get(ref);
    if (!ald || seen.has(ref)) continue;
    seen.add(ref);
    for (const [k, v] of resolveAttributeList(ald, alds, seen)) {
      if (k === 'class') addClass(out, v);
      else out.set(k, v);
    }
  }
  for (const [k, v] of ial.attrs) {
    if (k === 'class') addClass(out, v);
    else out.set(k, v);
  }
  return out;
}

/** Sets the attributes on a markdown-it token: classes are appended, everything else replaced. */
export function applyAttributes(token: Token, attrs: Map<string, string>): void {
  for (const [k, v] of attrs) {
    if (!/^[A-Za-z_:][\w:.-]*$/.test(k)) continue;
    if (k === 'class') token.attrJoin('class', v);
    else token.attrSet(k, v);
  }
}
