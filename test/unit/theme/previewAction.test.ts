// The preview page asks the host to download a missing theme with a typed message; anything else is dropped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/core/protocol/previewMessages';

describe('preview action messages', () => {
  test('only the known action passes the host\'s check', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'action', id: 'downloadTheme' }), { type: 'action', id: 'downloadTheme' });
    assert.deepEqual(parseWebviewMessage({ type: 'action', id: 'downloadTheme', url: 'https://evil.example/x.gem' }), { type: 'action', id: 'downloadTheme' }, 'extra fields are not carried');
    for (const bad of [{ type: 'action' }, { type: 'action', id: 'runScript' }, { type: 'action', id: ['downloadTheme'] }]) assert.equal(parseWebviewMessage(bad), undefined);
  });
});
