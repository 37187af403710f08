// User-visible messages made in the core (problem texts, preview notices) go through `t`, which the
// host points at `vscode.l10n.t` so they appear in VS Code's display language; the CLI keeps English.
// Messages are whole English sentences with {0}, {1} … placeholders, like vscode.l10n.t's; they are
// collected into l10n/bundle.l10n.json by scripts/l10n.mjs.
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

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
