// User-visible messages made in the core (problem texts, preview notices) go through `t`, which the
// host points at `vscode.l10n.t` so they appear in VS Code's display language; the CLI keeps English.
// Messages are whole English sentences with {0}, {1} … placeholders, like vscode.l10n.t's; they are
// collected into l10n/bundle.l10n.json by scripts/l10n.mjs.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** `{0}`, `{1}` … replaced by the arguments; a placeholder without an argument stays as written. */
const english: Translate = (message, ...args) => {
  // What `message.replace(/\{(\d+)\}/g, …)` gives, without a regex and a callback per message: every
  // problem reported makes one or two messages. A `{` that starts no placeholder is passed over.
  let out = '';
  let copied = 0;
  for (let open = message.indexOf('{'); open >= 0; open = message.indexOf('{', open + 1)) {
    let close = open + 1;
    while (close < message.length && message.charCodeAt(close) >= 48 && message.charCodeAt(close) <= 57) close++;
    if (close === open + 1 || message.charCodeAt(close) !== 125) continue;
    const i = Number(message.slice(open + 1, close));
    if (i >= args.length) continue;
    out += message.slice(copied, open) + String(args[i]);
    copied = close + 1;
  }
  return copied === 0 ? message : out + message.slice(copied);
};

let current: Translate = english;

export function t(message: string, ...args: Array<string | number | boolean>): string {
  return current(message, ...args);
}

/** A translator from a message bundle (vscode.l10n.bundle: English message → translation), for a worker thread. */
export function bundleTranslator(messages: Record<string, string>): Translate {
  return (message, ...args) => english(messages[message] ?? message, ...args);
}

/** Called once by the host with vscode.l10n.t; returns a function that restores English. */
export function setTranslator(translate: Translate): () => void {
  current = translate;
  return () => { current = english; };
}
