// Spawned by test/bench/activation.bench.ts, one process per sample: requires an extension bundle with
// `vscode` answered by a stub (every member a callable, constructible stub; nothing happens) and calls
// its `activate`, printing {"require": ms, "activate": ms, "ready": ms} as one JSON line (`ready`: from the
// `activate` call's return until the promise it returned settles — the features registered). Not VS Code's measure
// (that one is read from the real host by test/e2e/firstPreview.e2e.mjs): a steady in-process
// comparison of what the bundle's size and module initialisation cost.
//   node out/test/bench/activationProbe.js <bundle.js>
import Module from 'node:module';
import * as path from 'node:path';

type Stub = ((...args: unknown[]) => Stub) & Record<string | symbol, unknown>;

/** What esbuild's `__toESM` copies from: it reads members through the module's prototype. */
const members: object = new Proxy({}, { get: (_t, p) => (p === 'then' || p === '__esModule' ? undefined : stub()) });

function stub(): Stub {
  const target = function () { /* a stub */ } as unknown as Stub;
  return new Proxy(target, {
    get(_t, p) {
      if (p === Symbol.toPrimitive) return () => '';
      if (p === Symbol.iterator) return function* () { /* empty */ };
      if (p === 'then' || p === '__esModule') return undefined;
      if (p === 'length') return 0;
      if (p === 'dispose') return () => undefined;
      return stub();
    },
    getPrototypeOf: () => members,
    // Assignments are accepted and forgotten (a function's own `name` or `length` is read-only otherwise).
    set: () => true,
    apply: () => stub(),
    construct: () => stub(),
  });
}

const vscode = stub();
const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const bundle = path.resolve(process.argv[2]);
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require(bundle) as { activate(context: unknown): unknown };
const t1 = performance.now();
const result = extension.activate({ subscriptions: [], globalStorageUri: stub(), extensionUri: stub(), extension: { packageJSON: { version: '0' } } });
const t2 = performance.now();
void Promise.resolve(result).then(() => {
  const t3 = performance.now();
  console.log(JSON.stringify({ require: t1 - t0, activate: t2 - t1, ready: t3 - t2 }));
  process.exit(0);
}, (e: unknown) => { console.error(e); process.exit(1); });
