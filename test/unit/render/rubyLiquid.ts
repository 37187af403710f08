// Ruby Liquid (Debian's ruby-liquid, the Liquid Debian's jekyll runs) as the oracle of the Liquid tests:
// templates are rendered by `ruby -rliquid` in the test run; nothing of its output is written down.
import { spawnSync } from 'node:child_process';
import { Context } from 'liquidjs';
import { JekyllLiquid } from '../../../src/core/render/liquid/jekyllLiquid';
import type { ErrorMode } from '../../../src/core/render/liquid/variable';

export interface LiquidCase { template: string; env?: Record<string, unknown>; mode?: ErrorMode }
export interface LiquidResult { output?: string; parseError?: string; renderError?: string }

const SCRIPT = `
require 'json'
require 'liquid'
out = JSON.parse($stdin.read).map do |c|
  begin
    t = Liquid::Template.parse(c['template'], error_mode: c['mode'].to_sym, line_numbers: true)
    begin
      { 'output' => t.render(c['env'] || {}) }
    rescue StandardError => e
      { 'renderError' => e.message }
    end
  rescue StandardError => e
    { 'parseError' => e.message }
  end
end
print JSON.generate(out)
`;

let available: boolean | undefined;

/** Why the oracle cannot run (undefined when it can). */
export function rubyLiquidMissing(): string | undefined {
  if (available === undefined) {
    const r = spawnSync('ruby', ['-rliquid', '-e', 'print Liquid::VERSION'], { encoding: 'utf8' });
    available = !r.error && r.status === 0;
  }
  return available ? undefined : 'ruby with the liquid gem is not installed (Debian: apt-get install ruby-liquid): skipped';
}

/** Ruby Liquid's renderings of the cases (one ruby process for all). */
export function rubyLiquid(cases: LiquidCase[]): LiquidResult[] {
  const input = JSON.stringify(cases.map((c) => ({ template: c.template, env: c.env ?? {}, mode: c.mode ?? 'warn' })));
  const r = spawnSync('ruby', ['-e', SCRIPT], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) throw new Error(`ruby failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as LiquidResult[];
}

/** Our engine, with Ruby's error behaviour (inline `Liquid error` text) so outputs compare. */
export async function ourLiquid(c: LiquidCase): Promise<LiquidResult> {
  const j = new JekyllLiquid({
    root: '', baseurl: '', url: '', includesDir: '_includes', layoutsDir: '_layouts',
    read: async () => undefined, exists: async () => false, postUrl: () => undefined, fileUrl: () => undefined,
    markdownify: (s) => s, highlighter: { figure: (code: string) => code } as never,
    liquid: { errorMode: c.mode ?? 'warn', strictFilters: false, strictVariables: false }, rubyErrors: 'inline',
  });
  let templates;
  try {
    templates = j.parse(c.template, 'test.html');
  } catch (e) {
    return { parseError: e instanceof Error ? e.message : String(e) };
  }
  try {
    const ctx = new Context(JSON.parse(JSON.stringify(c.env ?? {})) as object, j.engine.options, {}, { liquid: j.engine });
    return { output: String(await j.engine.render(templates, ctx)) };
  } catch (e) {
    return { renderError: e instanceof Error ? e.message : String(e) };
  }
}
