// `techblog.paste.*` settings: defaults and validation of what the user typed, so the host only
// reads raw values and shows `problems`.
import { defaultImageOptions, readImageOptions, type ImageOptions, type RawImageOptions } from '../images/imageOptions';
import { t } from '../text/l10n';
import type { SiteLayout } from '../site/profile';
import { defaultDestination, type PasteRule } from './destination';
import { linkStyles, type LinkStyle } from './link';

export interface PasteSettings {
  /** `techblog.paste.destination` */
  readonly destination: string;
  /** `techblog.paste.rules`: first matching glob wins over `destination`. */
  readonly rules: readonly PasteRule[];
  /** `techblog.paste.linkStyle`: the link the paste inserts; the others are offered as paste kinds. */
  readonly linkStyle: LinkStyle;
  /** `techblog.paste.dedupe`: identical bytes link the existing image instead of writing a copy. */
  readonly dedupe: boolean;
  /** `techblog.paste.imagesFolder`: the site's images folder (relative to the site root) that dedupe and "Find Unused Images" cover. */
  readonly imagesFolder: string;
  /** `techblog.paste.format`, `quality`, `maxWidth`, `stripMetadata`, `optimizePng`; rules may set their own. */
  readonly image: ImageOptions;
}

export const defaultPasteSettings: PasteSettings = {
  destination: defaultDestination,
  rules: [],
  linkStyle: 'relative',
  dedupe: true,
  imagesFolder: 'images',
  image: defaultImageOptions,
};

/**
 * The defaults for a site's generator. Hugo serves `static/` and Hexo `source/` at the site root, so
 * their images go below those folders and get `/images/…` links (a relative link from `content/` or
 * `source/_posts/` would not survive the post's permalink). Jekyll keeps TechBlog's own defaults.
 */
export function pasteDefaultsFor(layout: Pick<SiteLayout, 'generator' | 'imagesDir'> | undefined): PasteSettings {
  if (!layout || layout.generator === 'jekyll') return defaultPasteSettings;
  return { ...defaultPasteSettings, destination: `\${siteRoot}/${layout.imagesDir}/\${year}/image-\${timestamp}.\${ext}`, imagesFolder: layout.imagesDir, linkStyle: 'root' };
}

export type RawPasteSettings = { readonly [K in Exclude<keyof PasteSettings, 'image'>]?: unknown } & { readonly image?: RawImageOptions };

const imageKeys = ['format', 'quality', 'maxWidth', 'stripMetadata', 'optimizePng'] as const;

/**
 * Validate raw setting values (undefined: not set); anything invalid falls back to its default
 * (`defaults`: the site generator's, see pasteDefaultsFor) and is reported.
 */
export function readPasteSettings(raw: RawPasteSettings, defaults: PasteSettings = defaultPasteSettings): { settings: PasteSettings; problems: string[] } {
  const problems: string[] = [];
  const d = defaults;
  const topImage = readImageOptions(raw.image ?? {}, d.image, 'techblog.paste');
  problems.push(...topImage.problems);
  const image = topImage.options;

  let destination = d.destination;
  if (typeof raw.destination === 'string' && raw.destination.trim()) {
    destination = raw.destination.trim();
  } else if (raw.destination !== undefined && raw.destination !== '') {
    problems.push(t('{0} must be a non-empty string; using the default.', 'techblog.paste.destination'));
  }

  const rules: PasteRule[] = [];
  if (Array.isArray(raw.rules)) {
    raw.rules.forEach((r: unknown, i) => {
      const rule = r as (Partial<Record<keyof PasteRule, unknown>> & RawImageOptions) | null;
      const setsImage = !!rule && imageKeys.some((k) => rule[k] !== undefined);
      const hasDestination = !!rule && typeof rule.destination === 'string' && !!rule.destination.trim();
      if (rule && typeof rule.glob === 'string' && rule.glob && (hasDestination || (setsImage && rule.destination === undefined))) {
        const ruleImage = setsImage ? readImageOptions(rule, image, `techblog.paste.rules[${i}]`) : undefined;
        if (ruleImage) problems.push(...ruleImage.problems);
        rules.push({
          glob: rule.glob,
          ...(hasDestination ? { destination: (rule.destination as string).trim() } : {}),
          ...(ruleImage ? { image: ruleImage.options } : {}),
        });
      } else {
        problems.push(t('{0} needs a "glob" and a "destination" string; ignored.', `techblog.paste.rules[${i}]`));
      }
    });
  } else if (raw.rules !== undefined) {
    problems.push(t('{0} must be an array of { "glob", "destination" }; ignored.', 'techblog.paste.rules'));
  }

  let linkStyle = d.linkStyle;
  if (linkStyles.includes(raw.linkStyle as LinkStyle)) {
    linkStyle = raw.linkStyle as LinkStyle;
  } else if (raw.linkStyle !== undefined) {
    problems.push(t('{0} must be one of {1}; using "{2}".', 'techblog.paste.linkStyle', linkStyles.join(', '), d.linkStyle));
  }

  let dedupe = d.dedupe;
  if (typeof raw.dedupe === 'boolean') {
    dedupe = raw.dedupe;
  } else if (raw.dedupe !== undefined) {
    problems.push(t('{0} must be true or false; using true.', 'techblog.paste.dedupe'));
  }

  let imagesFolder = d.imagesFolder;
  if (typeof raw.imagesFolder === 'string') {
    const folder = raw.imagesFolder.trim().replace(/^\/+|\/+$/g, '');
    if (folder && !folder.split('/').includes('..')) {
      imagesFolder = folder;
    } else {
      problems.push(t('{0} must be a folder inside the site, like "images"; using "{1}".', 'techblog.paste.imagesFolder', d.imagesFolder));
    }
  } else if (raw.imagesFolder !== undefined) {
    problems.push(t('{0} must be a string; using "{1}".', 'techblog.paste.imagesFolder', d.imagesFolder));
  }

  return { settings: { destination, rules, linkStyle, dedupe, imagesFolder, image }, problems };
}
