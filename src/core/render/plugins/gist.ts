// jekyll-gist (1.5): `{% gist user/id [file] %}` writes GitHub's embed script,
// `<script src="https://gist.github.com/user/id.js?file=file"> </script>`, which the preview shows as
// its offline embed card (src/core/render/embeds.ts). The `<noscript>` copy the gem fetches from
// GitHub at build time needs the network, which the preview does not use.
import { Tag, type Context, type Emitter, type Liquid } from 'liquidjs';

export const GIST_PLUGIN = 'jekyll-gist';

/** The script tag for a gist id (and file), as the gem writes it. */
export function gistScript(id: string, file?: string): string {
  return `<script src="https://gist.github.com/${id}.js${file ? `?file=${file}` : ''}"> </script>`;
}

/** Registers `{% gist %}` on a Liquid engine. */
export function registerGistTag(engine: Liquid): void {
  engine.registerTag('gist', class extends Tag {
    render(ctx: Context, emitter: Emitter): void {
      const m = /^(\S+|.*(?=\/).+)\s?(\S*)$/.exec(this.token.args.trim());
      if (!m) throw new Error(`Syntax error in tag 'gist': ${this.token.getText()}`);
      // A variable name stands for its value.
      const value = (name: string) => {
        const v = name ? ctx.getSync(name.split('.')) : undefined;
        return v === undefined || v === null ? name : String(v);
      };
      emitter.write(gistScript(value(m[1].trim()), value(m[2].trim())));
    }
  });
}
