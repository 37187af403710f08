// The editor's settings of a site, for the command line: the nearest `.vscode/settings.json` at or above
// the site folder (the workspace folder VS Code would open), read as VS Code reads it (JSONC). So
// `techblog images optimise` in CI uses the image options the editor uses; flags override them.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { readPasteSettings, pasteDefaultsFor, type PasteSettings, type RawPasteSettings } from '../core/paste/settings';
import type { SiteLayout } from '../core/site/profile';
import { parseJsonc } from '../core/text/jsonc';

export interface SiteSettings {
  /** The settings file read, absolute; undefined when there is none. */
  readonly file?: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** A file that could not be read or parsed (its settings are then not used). */
  readonly problems: readonly string[];
}

/** The nearest `.vscode/settings.json` at or above `root`, parsed. */
export async function readSiteSettings(root: string): Promise<SiteSettings> {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const file = path.join(dir, '.vscode', 'settings.json');
    let text: string | undefined;
    try { text = await fsp.readFile(file, 'utf8'); } catch { text = undefined; }
    if (text !== undefined) {
      try {
        const values = parseJsonc(text);
        if (values && typeof values === 'object' && !Array.isArray(values)) return { file, values: values as Record<string, unknown>, problems: [] };
        return { file, values: {}, problems: [`${file}: not a JSON object; its settings are not used.`] };
      } catch (e) {
        return { file, values: {}, problems: [`${file}: ${e instanceof Error ? e.message : String(e)}; its settings are not used.`] };
      }
    }
    if (path.dirname(dir) === dir) return { values: {}, problems: [] };
  }
}

/** `techblog.paste.*` of a settings file, validated as the extension validates them (site generator's defaults). */
export function pasteSettingsOf(values: Readonly<Record<string, unknown>>, layout: Pick<SiteLayout, 'generator' | 'imagesDir'>): { settings: PasteSettings; problems: string[] } {
  const get = (key: string) => values[`techblog.paste.${key}`];
  const raw: RawPasteSettings = {
    destination: get('destination'), rules: get('rules'), linkStyle: get('linkStyle'), dedupe: get('dedupe'), imagesFolder: get('imagesFolder'),
    image: { format: get('format'), quality: get('quality'), maxWidth: get('maxWidth'), stripMetadata: get('stripMetadata'), optimizePng: get('optimizePng') },
  };
  return readPasteSettings(raw, pasteDefaultsFor(layout));
}
