import assert from 'node:assert/strict';
import { DEFAULT_SERVER_OPTIONS, readServerOptions } from '../../server/src/lsp/serverOptions';

describe('server initializationOptions', () => {
  it('keeps the defaults when the client sends nothing usable', () => {
    for (const raw of [undefined, null, 'fast', 42, [], {}]) assert.deepEqual(readServerOptions(raw), DEFAULT_SERVER_OPTIONS);
  });

  it('takes delays of zero and more, and ignores negative, non-finite or absurd ones', () => {
    assert.deepEqual(readServerOptions({ debounceMs: 0, watchDebounceMs: 0 }), { debounceMs: 0, watchDebounceMs: 0 });
    assert.equal(readServerOptions({ debounceMs: 300 }).debounceMs, 300);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '0', 3_600_000]) {
      assert.equal(readServerOptions({ debounceMs: bad }).debounceMs, DEFAULT_SERVER_OPTIONS.debounceMs);
    }
  });

  it('reads the cache folder from cacheDir or storagePath, never from a blank string', () => {
    assert.equal(readServerOptions({ cacheDir: '/tmp/ws-storage' }).cacheDir, '/tmp/ws-storage');
    assert.equal(readServerOptions({ storagePath: '/tmp/ws-storage' }).cacheDir, '/tmp/ws-storage');
    assert.equal(readServerOptions({ cacheDir: '  ' }).cacheDir, undefined);
  });
});
