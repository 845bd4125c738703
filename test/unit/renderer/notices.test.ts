import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Notices, NOTICE_LIFETIME_MS, selfDismissAfter } from '../../../renderer/features/status/Notices';
import type { ShownNotice } from '../../../renderer/features/status/notice-words';
import { serverFolder } from '../../support/named-folder';
import { renderInLanguage } from '../../support/render-intl';

// The review of issue 11: notices did not say which account they are about, and stayed up for 15+ minutes.
const notice = (fields: Partial<ShownNotice>): ShownNotice => ({
  id: crypto.randomUUID(),
  level: 'warning',
  where: 'folder',
  accountId: null,
  deviceId: null,
  words: { kind: 'unreadableResponse', uid: 5, folder: serverFolder('INBOX'), reason: { kind: 'malformed', detail: 'BODYSTRUCTURE nested too deep' } },
  code: null,
  at: 0,
  ...fields,
});
const accounts = [
  { id: 'a1', name: 'ana@example.com' },
  { id: 'a2', name: 'work@example.org' },
];
const render = (notices: ShownNotice[], language: 'en' | 'de' = 'en'): string => renderInLanguage(createElement(Notices, { notices, accounts, onDismiss: () => undefined }), language);
const text = (html: string): string => html.replace(/<button[^]*?<\/button>/g, '').replace(/<[^>]+>/g, '');

describe('notices', () => {
  it('lead with the name of the account they are about', () => {
    const markup = render([notice({ accountId: 'a2' })]);
    expect(text(markup)).toBe('work@example.org: The server sent a response Porthole could not read (FETCH of UID 5 in Inbox): its FETCH response is malformed (BODYSTRUCTURE nested too deep). The message is listed as unreadable.');
    expect(markup).toContain('<bdi class="notice-account">work@example.org</bdi>');
  });

  it('without an account (a failed action), or of an account no longer listed, say only their text', () => {
    expect(text(render([notice({ accountId: null, words: { kind: 'worded', text: 'Could not move.' } })]))).toBe('Could not move.');
    expect(text(render([notice({ accountId: 'gone', words: { kind: 'worded', text: 'Could not move.' } })]))).toBe('Could not move.');
  });

  it('say main’s codes in the language shown', () => {
    const sent = notice({ accountId: 'a1', level: 'info', words: { kind: 'sent', subject: 'Ferry plan' } });
    expect(text(render([sent]))).toBe('ana@example.com: Sent “Ferry plan”.');
    expect(text(render([sent], 'de'))).toBe('ana@example.com: „Ferry plan“ wurde gesendet.');
  });

  it('each has a close button, whatever its level', () => {
    const markup = render([notice({ level: 'error' }), notice({ level: 'warning' }), notice({ level: 'info' })]);
    expect(markup.match(/<button type="button"[^>]*aria-label="Dismiss notification"/g)).toHaveLength(3);
  });

  it('info and warnings close themselves after about 20 s; errors stay until closed', () => {
    expect(NOTICE_LIFETIME_MS).toBe(20_000);
    expect(selfDismissAfter({ level: 'info' })).toBe(20_000);
    expect(selfDismissAfter({ level: 'warning' })).toBe(20_000);
    expect(selfDismissAfter({ level: 'error' })).toBeNull();
  });
});
