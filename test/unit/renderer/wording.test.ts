import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../common/contract';
import { ERROR_MESSAGES } from '../../../common/errors';
import { DeviceStatusLine } from '../../../renderer/features/devices/DeviceStatusLine';
import { StatusBar } from '../../../renderer/features/status/StatusBar';
import { renderInLanguage } from '../../support/render-intl';

// Issue 12, item 10: "1 messages", "Load 1 remote image(s)", "1 change(s) waiting", and a server
// that went down after working made the status say "Check the port number".
const text = (html: string): string => html.replace(/<[^>]+>/g, '');
const status = (fields: Partial<DeviceStatus>): DeviceStatus => ({ accountId: 'a', deviceId: 'd', connection: 'online', detail: { kind: 'connected' }, pendingChanges: 0, lastSyncAt: null, ...fields });
const bar = (s: DeviceStatus): string => text(renderInLanguage(createElement(StatusBar, { status: s, progress: null })));
const line = (s: DeviceStatus): string => text(renderInLanguage(createElement(DeviceStatusLine, { status: s, progress: null })));

describe('counted nouns', () => {
  it('in the status bar and a device column: "1 change waiting", never "change(s)"', () => {
    expect(bar(status({ pendingChanges: 1 }))).toContain('1 change waiting to reach the server');
    expect(bar(status({ pendingChanges: 4 }))).toContain('4 changes waiting to reach the server');
    expect(line(status({ pendingChanges: 1 }))).toContain('1 change waiting to reach the server');
    expect(bar(status({ pendingChanges: 2 })) + line(status({ pendingChanges: 1 }))).not.toContain('(s)');
  });
});

describe('the status after the server goes away', () => {
  const refused: DeviceStatus['detail'] = { kind: 'error', error: { code: 'CONNECTION_REFUSED', message: `IMAP: ${ERROR_MESSAGES.CONNECTION_REFUSED}` }, retry: { inSeconds: 4, words: 'retrying' } };

  it('says the server stopped accepting connections when the device had worked in this run, and keeps the retry', () => {
    for (const shown of [bar(status({ connection: 'offline', detail: refused, lastSyncAt: 1 })), line(status({ connection: 'offline', detail: refused, lastSyncAt: 1 }))]) {
      expect(shown).toBe('Offline — IMAP: The server stopped accepting connections; it may be down or restarting. Retrying in 4 s.');
    }
    const popTimeout: DeviceStatus['detail'] = { kind: 'error', error: { code: 'CONNECTION_TIMEOUT', message: `POP3: ${ERROR_MESSAGES.CONNECTION_TIMEOUT}` }, retry: { inSeconds: 30, words: 'tryingAgain' } };
    expect(bar(status({ connection: 'offline', detail: popTimeout, lastSyncAt: 1 }))).toBe('Offline — POP3: The server stopped answering; it or the network may be down. Trying again in 30 s.');
    expect(bar(status({ connection: 'offline', detail: popTimeout, lastSyncAt: 1 }))).not.toContain('Check the host');
  });

  it('still points at the port when the device never connected (a wrong setting is then the likely cause)', () => {
    expect(bar(status({ connection: 'offline', detail: refused, lastSyncAt: null }))).toContain('Check the port number');
  });
});
