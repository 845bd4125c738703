import { afterEach, describe, expect, inject, it } from 'vitest';
import { createUser } from '../servers';
import { accountDraft, addAccount, startCore } from '../support/core-fixture';
import { FakeImapServer, fakeMessages } from '../support/fake-imap-server';
import { waitFor } from '../support/wait';
import { statusEnglish } from '../support/main-words';

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('the whole core against an IMAP server whose answer for one message never ends (issue 11, item 2)', () => {
  it('lists the good messages, lists the bad one as unreadable, says which answer it was, and stops reconnecting', async () => {
    const imap = await new FakeImapServer({ messages: fakeMessages(20), faults: { unterminatedLiteralUid: 13 } }).start();
    cleanups.push(() => imap.stop());
    // The real SMTP server of the run; the incoming server is the fake one (plain, on 127.0.0.1).
    const user = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const draft = accountDraft(servers, user, 'tls', {});
    const { db, ref } = await addAccount(fixture, { ...draft, incoming: { host: '127.0.0.1', port: imap.port, security: 'none', user: 'user' }, incomingPassword: 'secret', smtpPassword: user.password });

    const messages = await waitFor(async () => {
      const all = await db.messages.toArray();
      return all.length === 20 && all;
    }, 'twenty messages listed');
    const bad = messages.find((m) => m.uid === 13)!;
    expect(bad.problem).toMatch(/^UID 13: the server's answer for this message could not be read: .+\.$/);
    expect(messages.filter((m) => !m.problem).map((m) => m.subject).sort()).toEqual(fakeMessages(20).filter((m) => m.uid !== 13).map((m) => m.subject).sort());
    expect(fixture.events['device:status'].some((s) => s.connection === 'error' && /\(FETCH of UID 13\); that message is shown as unreadable/.test(statusEnglish(s.detail)))).toBe(true);
    // Halving 20 suspects: five tries, and the single one twice; two logins each (sync and IDLE).
    expect(imap.logins).toBeLessThanOrEqual(20);
    const opened = await fixture.core.handle('message:open', { ...ref, messageId: bad.id });
    expect(opened).toMatchObject({ ok: false, error: { code: 'PROTOCOL_ERROR', message: bad.problem } });
  });
});
