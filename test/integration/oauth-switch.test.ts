import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheHostRequest } from '../../common/cache-protocol';
import { DEFAULT_POP_SETTINGS, type AccountSummary, type ServerEndpoint } from '../../common/model/account';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import { transcriptAsText } from '../../common/model/transcript';
import { incomingSecretKey } from '../../main/core/incoming-password';
import { createUser, seedMessages, type MailUser, type TestServerInfo } from '../servers';
import { startOAuthMailServers, type OAuthMailServers } from '../servers/oauth-mail';
import { TEST_PROVIDER, type RunningOAuthServer } from '../servers/oauth-server';
import { accountDraft, popAccountDraft, startCore } from '../support/core-fixture';
import { numberedMessages } from '../support/fixtures';
import { openCacheForReading } from '../support/in-process-cache-host';
import { startOAuthCore, type OAuthCore } from '../support/oauth-core';
import { waitFor } from '../support/wait';
import { noticeEnglish } from '../support/main-words';

// Issue 14 follow-up: an OAuth2 account's devices get another mode, and switch modes, logging in
// with its tokens, against Dovecot introspecting them at a real authorization server (oidc-provider).
// The tokens go to the account's own host only: never to a host outside its provider, and no
// password is taken in their place.
let oauthMail: OAuthMailServers;
let oauth: RunningOAuthServer;
let servers: TestServerInfo;
let clientsFile: string;

beforeAll(async () => {
  oauthMail = await startOAuthMailServers();
  ({ oauth, clientsFile } = oauthMail);
  servers = oauthMail.mail.info;
});

afterAll(async () => {
  await oauthMail?.stop();
});

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

/** An IMAP account of `user` signed in with tokens the provider issued (the sign-in itself is oauth-flow's to test). */
async function oauthImapAccount(fixture: OAuthCore, user: MailUser): Promise<{ account: AccountSummary; accessToken: string }> {
  const issued = await oauth.issueTokens(user.user);
  const grantId = fixture.core.oauthTokens.holdGrant({ provider: TEST_PROVIDER, accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 }, user.address);
  const added = await fixture.core.handle('account:add', { ...accountDraft(servers, user, 'tls'), incomingPassword: '', oauth: { provider: TEST_PROVIDER, grantId } });
  if (!added.ok) throw new Error(`account:add failed: ${added.error.code} ${added.error.message}`);
  return { account: added.value, accessToken: issued.accessToken };
}

/** The POP3 server on the account's own host (the same Dovecot, its POP3 port). */
function popOnOwnHost(user: MailUser): ServerEndpoint {
  return { host: servers.host, port: servers.pop3.tlsPort, security: 'tls', user: user.user };
}

async function transcriptText(fixture: OAuthCore, accountId: string): Promise<string> {
  const lines = await fixture.core.handle('transcript:get', { accountId });
  if (!lines.ok) throw new Error(lines.error.message);
  return transcriptAsText(lines.value);
}

async function subjectsIn(db: ReturnType<typeof openCacheForReading>, folderId: string): Promise<string[]> {
  return (await db.messages.toArray()).filter((m) => m.folderId === folderId).map((m) => m.subject).sort();
}

describe('OAuth2 accounts: devices of the other mode, and mode switches', () => {
  it('device:add puts a POP3 device on the account’s own host, logged in with its tokens; a password, or a host outside its provider, is refused with nothing saved', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const { account, accessToken } = await oauthImapAccount(fixture, user);
    const pop = { ...DEFAULT_POP_SETTINGS, retention: { kind: 'keep' as const }, checkEveryMinutes: null };
    const add = (incoming: ServerEndpoint, consent: { password?: string } = {}) => fixture.core.handle('device:add', { accountId: account.id, name: 'Phone', mode: 'pop3', pop, incoming, ...consent });

    expect(await add(popOnOwnHost(user), { password: user.password })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('OAuth2') as unknown } });
    // localhost is this very Dovecot, which would take the token: it is refused by name, before connecting.
    expect(await add({ ...popOnOwnHost(user), host: 'localhost' })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED', message: expect.stringContaining('provider’s servers') as unknown } });
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ pop3: null, devices: [{ mode: 'imap' }] });
    expect(await transcriptText(fixture, account.id)).not.toMatch(/POP3/);

    const added = await add(popOnOwnHost(user));
    if (!added.ok) throw new Error(added.error.message);
    expect(added.value).toMatchObject({ pop3: popOnOwnHost(user), auth: { kind: 'oauth2', provider: TEST_PROVIDER } });
    const phone = added.value.devices.find((d) => d.name === 'Phone')!;
    const db = openCacheForReading(phone.dbName);
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).length === 2, 'the POP device’s first check, logged in with the token');
    // No password was typed, so none is stored for the new server.
    expect(await fixture.secrets.get(incomingSecretKey(account.id, 'pop3'))).toBeNull();
    const text = await transcriptText(fixture, account.id);
    expect(text).toMatch(/POP3 \[login check\] C: AUTH (OAUTHBEARER|XOAUTH2)/);
    expect(text).not.toContain(accessToken);
  });

  it('an IMAP device switches to POP3 on the account’s own host and back to IMAP, each login by its tokens; a host outside its provider is refused', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(3));
    const fixture = await startOAuthCore(clientsFile, cleanups);
    const { account, accessToken } = await oauthImapAccount(fixture, user);
    const ref = { accountId: account.id, deviceId: account.devices[0]!.id };
    const db = openCacheForReading(account.devices[0]!.dbName);
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 3, 'the IMAP sync');

    expect(await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: { ...popOnOwnHost(user), host: 'localhost' } })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED' } });
    expect(await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: { ...popOnOwnHost(user), host: 'localhost' }, options: { upload: false, pushStates: false, copyFolders: [] } })).toMatchObject({ ok: false, error: { code: 'HOST_NOT_CONFIRMED' } });
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ pop3: null, devices: [{ mode: 'imap' }] });
    expect(fixture.core.accounts.get(account.id)!.devices[0]!.switching ?? null).toBeNull();

    // The POP3 server is not the account's yet: the preview logs in to it (and IMAP) with the tokens.
    const preview = await fixture.core.handle('device:switchPreview', { ...ref, to: 'pop3', incoming: popOnOwnHost(user) });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ from: 'imap', to: 'pop3', toDownload: 3 });
    const toPop = await fixture.core.handle('device:switchMode', { ...ref, to: 'pop3', incoming: popOnOwnHost(user), options: { upload: false, pushStates: false, copyFolders: [] } });
    if (!toPop.ok) throw new Error(toPop.error.message);
    expect(toPop.value).toMatchObject({ matched: 3, downloaded: 3 });
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ pop3: popOnOwnHost(user), devices: [{ mode: 'pop3' }] });
    expect(await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).toEqual(['Message 1', 'Message 2', 'Message 3']);

    // Back to IMAP: both servers are the account's own now, and their logins are the tokens too.
    const back = await fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: null, options: { upload: false, pushStates: false, copyFolders: [] } });
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value).toMatchObject({ matched: 3 });
    expect(fixture.core.accounts.get(account.id)).toMatchObject({ devices: [{ mode: 'imap', switching: null }] });
    await waitFor(async () => (await subjectsIn(db, serverFolderId('INBOX'))).length === 3, 'the IMAP engine after the switch back');
    expect(await fixture.secrets.get(incomingSecretKey(account.id, 'pop3'))).toBeNull();
    const text = await transcriptText(fixture, account.id);
    expect(text).toMatch(/POP3 \[[^\]]*switch\] C: AUTH (OAUTHBEARER|XOAUTH2)/);
    expect(text).not.toContain(accessToken);
  });

  it('a POP → IMAP switch interrupted by a crash is completed at the next start, logging in with the stored tokens', async () => {
    const user = await createUser(servers);
    await seedMessages(servers, user, 'INBOX', numberedMessages(2));
    let holding = true;
    let held = false;
    // The switch does its server work, then the app dies before its cache commit.
    const holdCommit = (request: CacheHostRequest): 'apply' | 'hold' => {
      const hold = holding && request.kind === 'apply' && request.ops.some((op) => op.op === 'putFolders' && op.folders.some((f) => f.id === serverFolderId('INBOX')));
      held ||= hold;
      return hold ? 'hold' : 'apply';
    };
    const oauthOptions = { clientsFile, requestTimeoutMs: 10_000 };
    const fixture = await startCore(undefined, { hooks: { beforeApply: holdCommit }, oauth: oauthOptions });
    cleanups.push(() => fixture.dispose());
    const issued = await oauth.issueTokens(user.user);
    const grantId = fixture.core.oauthTokens.holdGrant({ provider: TEST_PROVIDER, accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 }, user.address);
    const added = await fixture.core.handle('account:add', { ...popAccountDraft(servers, user, 'tls', { retention: { kind: 'keep' } }), incomingPassword: '', oauth: { provider: TEST_PROVIDER, grantId } });
    if (!added.ok) throw new Error(added.error.message);
    const ref = { accountId: added.value.id, deviceId: added.value.devices[0]!.id };
    const db = openCacheForReading(added.value.devices[0]!.dbName);
    await waitFor(async () => (await subjectsIn(db, LOCAL_FOLDER_IDS.inbox)).length === 2, 'the POP download');

    void fixture.core.handle('device:switchMode', { ...ref, to: 'imap', incoming: accountDraft(servers, user, 'tls').incoming, options: { upload: false, pushStates: false, copyFolders: [] } });
    await waitFor(() => held, 'the switch to reach its cache commit');
    fixture.crash();
    holding = false;

    const restarted = await startCore(fixture.profileDir, { oauth: oauthOptions });
    cleanups.push(() => restarted.dispose());
    expect(restarted.core.accounts.get(ref.accountId)).toMatchObject({ auth: { kind: 'oauth2' }, devices: [{ mode: 'imap', switching: null }] });
    expect(restarted.events.notice.map((n) => noticeEnglish(n))).toContainEqual(expect.stringContaining('interrupted switch to IMAP was completed'));
    const reopened = openCacheForReading(db.name);
    await waitFor(async () => (await subjectsIn(reopened, serverFolderId('INBOX'))).length === 2, 'the IMAP sync after resuming, logged in with the stored tokens');
  });
});
