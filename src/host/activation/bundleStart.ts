// Imported first by src/extension.ts, so esbuild places it first in dist/extension.js: the moment the
// activation bundle started to evaluate (the extension logs how long its code took, for the activation bench).
export const bundleStart = performance.now();
