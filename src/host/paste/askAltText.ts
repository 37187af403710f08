import * as vscode from 'vscode';
import { defaultAlt, pasteAltSource, withAlt } from '../../core/paste/link';
import type { PasteLinks, PastePlan } from '../../core/paste/imagePaster';

type OkPlan = Extract<PastePlan, { ok: true }>;

/** Asks for one image's alt text; undefined (Escape) keeps the generated name. */
export type AltTextAsker = (name: string, index: number, count: number) => Promise<string | undefined>;

/** The input box of `techblog.paste.askAltText`. */
export const askAltTextBox: AltTextAsker = (name, index, count) => Promise.resolve(vscode.window.showInputBox({
  title: count > 1 ? vscode.l10n.t('Alt text of the pasted image ({0} of {1})', index + 1, count) : vscode.l10n.t('Alt text of the pasted image'),
  prompt: vscode.l10n.t('Describe the image for readers who cannot see it (Escape keeps "{0}").', name),
  placeHolder: name,
  ignoreFocusOut: true,
}));

/**
 * `techblog.paste.askAltText`: with no text selected, asks for each image's alt text and puts the answer
 * into every link style of its plan. Escape or an empty answer keeps the generated name; the paste goes
 * ahead either way (nothing is lost).
 */
export async function askAltTexts(document: vscode.Uri, selectedText: string | undefined, plans: { plan: OkPlan }[], ask: AltTextAsker): Promise<void> {
  const on = vscode.workspace.getConfiguration('techblog.paste', document).get<boolean>('askAltText', false);
  if (pasteAltSource(selectedText, on) !== 'ask') return;
  for (const [i, entry] of plans.entries()) {
    let answer: string | undefined;
    try {
      answer = await ask(defaultAlt(entry.plan.imagePath), i, plans.length);
    } catch {
      answer = undefined; // a prompt that could not open must not cost the paste
    }
    if (!answer?.trim()) continue;
    const links = Object.fromEntries(Object.entries(entry.plan.links).map(([style, md]) => [style, md === undefined ? md : withAlt(md, answer)])) as unknown as PasteLinks;
    entry.plan = { ...entry.plan, links, markdown: withAlt(entry.plan.markdown, answer) };
  }
}
