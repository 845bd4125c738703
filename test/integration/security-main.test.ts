import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { COMMAND_NAMES } from '../../common/contract';
import { FileSecretStore } from '../../main/accounts/secret-store';
import { CacheClient } from '../../main/cache/cache-client';
import { PortholeCore } from '../../main/core/porthole-core';
import { createUser } from '../servers';
import { accountDraft, startCore } from '../support/core-fixture';
import { attachInProcessCacheHost } from '../support/in-process-cache-host';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** A password store as weak as Electron's basic_text backend on Linux without a keyring. */
class WeakSecretStore extends FileSecretStore {
  override readonly needsConsent = true;
}

describe('main refuses what it should, with typed errors', () => {
  it('asks before keeping passwords in a weak store: no silent downgrade', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'porthole-weak-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const cache = new CacheClient();
    attachInProcessCacheHost(cache);
    const core = new PortholeCore({ profileDir: dir, secrets: new WeakSecretStore(dir), cache, transport: 'electron', version: 'test' });
    await core.start();
    cleanups.push(() => core.stop());
    const info = await core.handle('app:info', null);
    expect(info).toMatchObject({ ok: true, value: { secretStorageNeedsConsent: true } });
    const user = await createUser(servers);
    const refused = await core.handle('account:add', accountDraft(servers, user, 'tls'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'WEAK_SECRET_STORAGE' } });
    expect(await core.handle('accounts:list', null)).toEqual({ ok: true, value: [] });
    const accepted = await core.handle('account:add', { ...accountDraft(servers, user, 'tls'), acceptWeakSecretStorage: true });
    expect(accepted.ok).toBe(true);
  });

  it('opens only web links, and only through main', async () => {
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    expect(await fixture.core.handle('link:open', { url: 'https://example.com/x' })).toEqual({ ok: true, value: { action: 'open-in-page', url: 'https://example.com/x' } });
    for (const url of ['file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id PCWDiagnostic', 'javascript:alert(1)', 'mailto:a@b.c?attach=/etc/passwd']) {
      const result = await fixture.core.handle('link:open', { url });
      expect(result.ok && result.value.action, url).toBe('refused');
    }
  });

  it('fetches no remote image from this computer or its network, whatever the message asks', async () => {
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const urls = ['http://127.0.0.1:9/a.png', 'http://2130706433/a.png', 'http://0x7f.1/a.png', 'http://[::1]/a.png', 'http://localhost/a.png', 'http://169.254.169.254/latest/meta-data', 'http://192.168.0.1/a.png', 'file:///etc/passwd', 'data:image/png;base64,AAAA'];
    const result = await fixture.core.handle('remote:fetchImages', { urls });
    expect(result).toEqual({ ok: true, value: urls.map((url) => ({ url, dataUrl: null })) });
  });

  it('answers every command with a typed error for arguments of the wrong type or size', async () => {
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    for (const command of COMMAND_NAMES) {
      if (command === 'app:info' || command === 'accounts:list') continue;
      for (const bad of [undefined, 42, 'x', [], { accountId: 'x'.repeat(10_000) }]) {
        const result = await fixture.core.handle(command, bad);
        expect(result, `${command} ${JSON.stringify(bad)?.slice(0, 40)}`).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }
    }
    const huge = await fixture.core.handle('message:send', {
      accountId: 'a', deviceId: 'd', to: 'x@y.z', cc: '', bcc: '', subject: 's', text: 't', inReplyTo: null, references: [],
      attachments: [{ filename: 'big', contentType: 'application/octet-stream', content: new Uint8Array(60 * 1024 * 1024) }],
      forwardAttachmentsOf: null, replacesDraftId: null,
    });
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('too large') as unknown } });
    const unknown = await fixture.core.handle('no:such' as 'app:info', null);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
