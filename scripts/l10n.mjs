// node scripts/l10n.mjs: moves package.json's strings into package.nls.json, collects the code's
// messages into l10n/bundle.l10n.json, then lists what is still missing (translations). See lib/l10n.mjs.
import { checkL10n, writeL10n } from './lib/l10n.mjs';
import { root } from './lib/run.mjs';

const changed = writeL10n(root);
console.log(changed.length ? `updated: ${changed.join(', ')}` : 'English files up to date');
const problems = checkL10n(root);
for (const p of problems) console.log(`  ${p}`);
console.log(problems.length ? `${problems.length} problem(s)` : 'every string is translated');
process.exit(problems.length ? 1 : 0);
