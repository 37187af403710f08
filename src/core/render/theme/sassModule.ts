// Dart Sass, loaded on first use: it is three quarters of a bundle and only sites with .scss need it. The
// desktop bundles require dist/sass.js (scripts/build.mjs `sassApart`); the web extension cannot require a
// file, so its host hands a loader in (`provideSass`: Dart Sass's browser build, dist/web/sass.js).
import type * as Sass from 'sass';

export type SassModule = typeof Sass;

let loader: () => Promise<SassModule> = () => import('sass');

export function loadSass(): Promise<SassModule> {
  return loader();
}

/** Where this bundle gets Dart Sass from (the web extension's chunk loader). */
export function provideSass(load: () => Promise<SassModule>): void {
  loader = load;
}
