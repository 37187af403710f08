// The text of a new post or draft: TechBlog's built-in header, or the site's own template file
// (`_templates/post.md`, Hexo's `scaffolds/post.md`, a Hugo archetype) with its placeholders filled in.
import type { FrontMatterStyle, Generator } from '../site/profile';
import { headerBounds, keyLine, setHeaderValue, type HeaderValue } from './header';

export interface NewPostValues {
  title: string;
  slug: string;
  /** `date:` as the generator writes it; undefined leaves `date:` out (the built-in header only). */
  date: string | undefined;
  tags: readonly string[];
  category: string | undefined;
  /** `layout:` of the built-in header; undefined for generators without one. */
  layout: string | undefined;
  /** Hugo keeps drafts among the posts, marked `draft: true`. */
  draftFlag: boolean;
}

export interface NewPostText {
  text: string;
  /** Where the cursor goes: the start of the body. */
  cursor: number;
}

/** The built-in header: only keys with a value, so a new post starts without warnings. */
export function builtInPost(values: NewPostValues, style: FrontMatterStyle): NewPostText {
  const lines: string[] = [];
  const add = (key: string, value: HeaderValue) => lines.push(keyLine(key, value, style));
  if (values.layout) add('layout', values.layout);
  add('title', values.title);
  if (values.date !== undefined) add('date', { raw: values.date });
  if (values.category) add('category', values.category);
  if (values.tags.length) add('tags', values.tags);
  if (values.draftFlag) add('draft', true);
  const fence = style === 'toml' ? '+++' : '---';
  const head = `${fence}\n${lines.join('\n')}\n${fence}\n\n`;
  return { text: head, cursor: head.length };
}

// Placeholders of the template languages blog generators use for new posts:
// Hexo scaffolds (`{{ title }}`, `{{ date }}`), Hugo archetypes (`{{ .Title }}`, `{{ .Date }}`,
// `{{ replace .File.ContentBaseName "-" " " | title }}`), and `{{ slug }}`.
const PLACEHOLDER = /\{\{-?\s*([^{}]*?)\s*-?\}\}/g;

function placeholderValue(expr: string, values: NewPostValues): string | undefined {
  const e = expr.replace(/\s+/g, ' ');
  if (/^\.?title$/i.test(e) || /^replace \.(?:File\.ContentBaseName|File\.BaseFileName|Name) "-" " " \| title$/.test(e)) return values.title;
  if (/^\.?date$/i.test(e)) return values.date ?? '';
  if (/^\.?(slug|name|File\.ContentBaseName)$/i.test(e)) return values.slug;
  if (/^\.?(tags)$/i.test(e)) return values.tags.join(', ');
  if (/^\.?(category|categories)$/i.test(e)) return values.category ?? '';
  return undefined;
}

/**
 * A site template filled in. A header line whose whole value is one placeholder (`title: {{ title }}`,
 * `title = '{{ .Title }}'`) is rewritten with proper quoting, so a title with `:` or `"` stays valid;
 * placeholders elsewhere are replaced as text, unknown ones are left alone. Tags and category the
 * author gave are set in the header whether or not the template names them; `date:` is set when
 * the template has the key.
 */
export function fillTemplate(template: string, values: NewPostValues): NewPostText {
  const text = template.replace(/\r\n/g, '\n');
  const h = headerBounds(text);
  const style: FrontMatterStyle = h?.style ?? 'yaml';
  let out = '';
  let pos = 0;
  for (const line of text.split('\n')) {
    const inHeader = h !== undefined && pos >= h.start && pos < h.end;
    pos += line.length + 1;
    const whole = inHeader ? /^([A-Za-z_][\w-]*)(\s*[:=]\s*)(["']?)\{\{-?\s*([^{}]*?)\s*-?\}\}\3\s*$/.exec(line) : null;
    const wholeValue = whole ? placeholderValue(whole[4], values) : undefined;
    if (whole && wholeValue !== undefined) {
      const key = whole[1];
      const value: HeaderValue = key === 'date' ? { raw: wholeValue } : key === 'tags' ? values.tags : key === 'categories' ? (values.category ? [values.category] : []) : wholeValue;
      out += keyLine(key, value, style) + '\n';
    } else {
      out += line.replace(PLACEHOLDER, (all, expr: string) => placeholderValue(expr, values) ?? all) + '\n';
    }
  }
  out = out.slice(0, -1);
  if (h) {
    if (values.tags.length) out = setHeaderValue(out, 'tags', values.tags, { after: 'title' });
    if (values.category) {
      const plural = /^categories\s*[:=]/m.test(out.slice(0, headerBounds(out)!.end)) ? 'categories' : 'category';
      out = setHeaderValue(out, plural, plural === 'categories' ? [values.category] : values.category, { after: 'title' });
    }
    if (values.date !== undefined) out = setHeaderValue(out, 'date', { raw: values.date }, { insert: false });
    out = setHeaderValue(out, 'title', values.title, { insert: 'top', onlyIfEmpty: true });
  }
  const hb = headerBounds(out);
  if (!hb) return { text: out, cursor: out.length };
  const body = out.slice(hb.bodyStart);
  if (body.trim() === '') {
    // An empty body: one blank line after the header, the cursor below it.
    out = out.slice(0, hb.bodyStart) + '\n';
    return { text: out, cursor: out.length };
  }
  const lead = /^\s*\n/.exec(body)?.[0].length ?? 0;
  return { text: out, cursor: hb.bodyStart + lead };
}

/** `layout:` of the built-in header: Jekyll-Bootstrap writes it even where `defaults:` sets it; other generators have none. */
export function builtInLayout(generator: Generator, defaultLayout: string | undefined): string | undefined {
  return generator === 'jekyll' ? defaultLayout ?? 'post' : undefined;
}
