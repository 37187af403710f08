// Dart Sass, loaded on first use: it is three quarters of a bundle and only sites with .scss need it. The
// desktop bundles require dist/sass.js (Dart Sass's browser build; scripts/build.mjs `sassApart`); the web
// extension cannot require a file, so its host hands a loader of the same file in (`provideSass`).
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
