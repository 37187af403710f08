// The preview page asks the host to download a missing theme with a typed message; anything else is dropped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/core/protocol/previewMessages';

describe('preview action messages', () => {
  test('only the known actions pass the host\'s check', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'action', id: 'downloadTheme' }), { type: 'action', id: 'downloadTheme' });
    // Restricted Mode's notice button: the host opens VS Code's trust editor, nothing else.
    assert.deepEqual(parseWebviewMessage({ type: 'action', id: 'manageTrust', command: 'workbench.action.terminal.new' }), { type: 'action', id: 'manageTrust' });
    assert.deepEqual(parseWebviewMessage({ type: 'action', id: 'downloadTheme', url: 'https://evil.example/x.gem' }), { type: 'action', id: 'downloadTheme' }, 'extra fields are not carried');
    for (const bad of [{ type: 'action' }, { type: 'action', id: 'runScript' }, { type: 'action', id: ['downloadTheme'] }, { type: 'action', id: 'toString' }]) assert.equal(parseWebviewMessage(bad), undefined);
  });
});
