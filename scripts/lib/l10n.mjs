// Where TechBlog's user-visible strings live, and the files VS Code's l10n reads them from:
//   package.json           %keys% → package.nls.json (English) and package.nls.<locale>.json
//   src/**/*.ts            l10n.t('…') in the host and t('…') from src/core/text/l10n.ts in the core
//                          → l10n/bundle.l10n.json (English, the message is its own key) and
//                            l10n/bundle.l10n.<locale>.json
// `node scripts/l10n.mjs` rewrites the English files (and moves new literal strings of package.json
// into package.nls.json); test/unit/project/l10n.test.ts fails when they are stale or a translation
// is missing, so a new string cannot ship untranslated.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const LOCALES = ['zh-tw'];

/** The manifest fields VS Code localizes, as [JSON path pattern, key maker]. */
function manifestStrings(pkg) {
  const out = [];
  const add = (obj, field, key) => { if (obj && typeof obj[field] === 'string') out.push({ obj, field, key }); };
  add(pkg, 'displayName', 'extension.displayName');
  add(pkg, 'description', 'extension.description');
  // What the extension limits in Restricted Mode (shown in VS Code's Workspace Trust editor).
  add(pkg.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
  add(pkg.capabilities?.virtualWorkspaces, 'description', 'capabilities.virtualWorkspaces.description');
  const c = pkg.contributes ?? {};
  for (const cmd of c.commands ?? []) {
    add(cmd, 'title', `command.${short(cmd.command)}.title`);
    add(cmd, 'shortTitle', `command.${short(cmd.command)}.shortTitle`);
  }
  for (const [id, prop] of Object.entries(c.configuration?.properties ?? {})) configStrings(prop, `config.${short(id)}`, add);
  for (const [container, views] of Object.entries(c.views ?? {})) {
    for (const v of views) add(v, 'name', `view.${short(v.id)}.name`);
    void container;
  }
  for (const [where, list] of Object.entries(c.viewsContainers ?? {})) {
    for (const v of list) add(v, 'title', `viewsContainer.${where}.${short(v.id)}.title`);
  }
  (c.viewsWelcome ?? []).forEach((w, i) => add(w, 'contents', `viewsWelcome.${short(w.view)}.${i}`));
  for (const w of c.walkthroughs ?? []) {
    add(w, 'title', `walkthrough.${w.id}.title`);
    add(w, 'description', `walkthrough.${w.id}.description`);
    for (const s of w.steps ?? []) {
      add(s, 'title', `walkthrough.${w.id}.${s.id}.title`);
      add(s, 'description', `walkthrough.${w.id}.${s.id}.description`);
      if (s.media) add(s.media, 'altText', `walkthrough.${w.id}.${s.id}.altText`);
    }
  }
  return out;
}

function configStrings(prop, key, add) {
  add(prop, 'description', `${key}.description`);
  add(prop, 'markdownDescription', `${key}.markdownDescription`);
  add(prop, 'deprecationMessage', `${key}.deprecationMessage`);
  add(prop, 'markdownDeprecationMessage', `${key}.markdownDeprecationMessage`);
  for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) {
    const list = prop[field];
    if (Array.isArray(list)) list.forEach((_, i) => add(list, i, `${key}.${field}.${prop.enum?.[i] ?? i}`));
  }
  for (const [name, sub] of Object.entries(prop.properties ?? {})) configStrings(sub, `${key}.${name}`, add);
  if (prop.items && typeof prop.items === 'object' && !Array.isArray(prop.items)) configStrings(prop.items, `${key}.items`, add);
}

const short = (id) => String(id).replace(/^techblog\./, '');
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
const placeholders = (s) => [...String(s).matchAll(/\{(\d+|[A-Za-z_]\w*)\}/g)].map((m) => m[1]).sort().join(',');
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const json = (o) => JSON.stringify(o, null, 2) + '\n';

/** English manifest strings, and package.json with its literal strings replaced by %keys%. */
export function manifestNls(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const old = readJson(path.join(root, 'package.nls.json')) ?? {};
  const nls = {};
  for (const { obj, field, key } of manifestStrings(pkg)) {
    const value = obj[field];
    const ref = /^%(.+)%$/.exec(value);
    if (ref) {
      if (ref[1] in old) nls[ref[1]] = old[ref[1]];
      else nls[ref[1]] = undefined; // referenced but defined nowhere: reported by checkL10n
    } else {
      nls[key] = value;
      obj[field] = `%${key}%`;
    }
  }
  return { pkg, nls: sortKeys(nls) };
}

/** Every message of l10n.t(…) / t(…) calls under src/, with where it is used; non-literal messages are errors. */
export function codeMessages(root) {
  const messages = new Map();
  const errors = [];
  const files = fs.readdirSync(path.join(root, 'src'), { recursive: true })
    .map(String).filter((f) => f.endsWith('.ts') && !f.startsWith('webview')).map((f) => path.join(root, 'src', f));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/\bt\(/.test(text)) continue;
    const inCore = path.relative(root, file).startsWith(path.join('src', 'core'));
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      // setTranslator(…) hands core messages on to vscode.l10n.t: those are collected in the core.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'setTranslator') return;
      if (ts.isCallExpression(node) && isTranslateCall(node.expression, inCore, text)) {
        const arg = node.arguments[0];
        const where = `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
          if (!messages.has(arg.text)) messages.set(arg.text, where);
        } else if (arg && ts.isObjectLiteralExpression(arg)) {
          errors.push(`${where}: use l10n.t('message', …args), not the object form`);
        } else {
          errors.push(`${where}: the message must be a string literal, so it can be translated`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { messages, errors };
}

function isTranslateCall(callee, inCore, text) {
  // Host: vscode.l10n.t / l10n.t. Core: t imported from src/core/text/l10n.ts.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 't') return /(^|\.)l10n$/.test(callee.expression.getText());
  return inCore && ts.isIdentifier(callee) && callee.text === 't' && /from '[./]*(text\/)?l10n'/.test(text);
}

/** Writes package.json (%keys%), package.nls.json and l10n/bundle.l10n.json; returns what changed. */
export function writeL10n(root) {
  const changed = [];
  const { pkg, nls } = manifestNls(root);
  const { messages, errors } = codeMessages(root);
  if (errors.length) throw new Error(errors.join('\n'));
  const bundle = sortKeys(Object.fromEntries([...messages.keys()].map((m) => [m, m])));
  const write = (rel, content) => {
    const file = path.join(root, rel);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    changed.push(rel);
  };
  write('package.json', json(pkg));
  write('package.nls.json', json(Object.fromEntries(Object.entries(nls).filter(([, v]) => v !== undefined))));
  write('l10n/bundle.l10n.json', json(bundle));
  return changed;
}

/** Everything wrong with the localization, as readable lines (empty: all good). */
export function checkL10n(root) {
  const problems = [];
  const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const { nls } = manifestNls(root);
  const literal = manifestStrings(JSON.parse(pkgText)).filter(({ obj, field }) => !/^%.+%$/.test(obj[field]));
  for (const { key } of literal) problems.push(`package.json: a literal string where %${key}% belongs (run node scripts/l10n.mjs)`);
  for (const [key, value] of Object.entries(nls)) if (value === undefined) problems.push(`package.json: %${key}% is not in package.nls.json`);
  const english = readJson(path.join(root, 'package.nls.json')) ?? {};
  for (const key of Object.keys(english)) if (!(key in nls)) problems.push(`package.nls.json: "${key}" is used nowhere`);

  const { messages, errors } = codeMessages(root);
  problems.push(...errors);
  const bundle = readJson(path.join(root, 'l10n/bundle.l10n.json')) ?? {};
  for (const [m, where] of messages) if (!(m in bundle)) problems.push(`l10n/bundle.l10n.json: missing "${m}" (${where}; run node scripts/l10n.mjs)`);
  for (const m of Object.keys(bundle)) if (!messages.has(m)) problems.push(`l10n/bundle.l10n.json: "${m}" is used nowhere`);

  for (const locale of LOCALES) {
    for (const [rel, source] of [[`package.nls.${locale}.json`, english], [`l10n/bundle.l10n.${locale}.json`, bundle]]) {
      const tr = readJson(path.join(root, rel)) ?? {};
      for (const [key, value] of Object.entries(source)) {
        if (!(key in tr)) problems.push(`${rel}: no translation for "${key}"`);
        else if (typeof tr[key] !== 'string' || !tr[key].trim()) problems.push(`${rel}: empty translation for "${key}"`);
        else if (placeholders(tr[key]) !== placeholders(value)) problems.push(`${rel}: "${key}" has placeholders {${placeholders(value)}} but its translation {${placeholders(tr[key])}}`);
      }
      for (const key of Object.keys(tr)) if (!(key in source)) problems.push(`${rel}: "${key}" is not an English string any more`);
    }
  }
  return problems;
}
