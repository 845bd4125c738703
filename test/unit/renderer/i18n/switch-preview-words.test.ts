import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { SwitchPreview } from '../../../../common/model/switch';
import { SwitchPreviewNumbers } from '../../../../renderer/features/devices/SwitchPreviewNumbers';
import { renderInLanguage } from '../../../support/render-intl';

function preview(to: SwitchPreview['to'], retentionAfter: SwitchPreview['retentionAfter']): SwitchPreview {
  return {
    from: to === 'imap' ? 'pop3' : 'imap',
    to,
    matched: 0,
    matchedBy: { uidl: 0, messageId: 0, hash: 0 },
    statesToPush: 0,
    stateChanges: [],
    inboxOnlyHere: 0,
    localFolders: [],
    serverOnly: 0,
    cachedWhole: 0,
    toDownload: 0,
    serverFolders: [],
    retentionAfter,
  };
}

/** Main says which retention follows a switch; the window words it (it was main's English sentence). */
describe('the switch preview’s retention note', () => {
  it('to POP names the rule and what it means, in English as main wrote it and in German', () => {
    const toPop = preview('pop3', { kind: 'pop-rule', retention: { kind: 'keep' } });
    expect(renderInLanguage(createElement(SwitchPreviewNumbers, { preview: toPop }))).toContain(
      'Leave messages on the server, until you choose otherwise. Your other devices and webmail keep seeing every message. The server’s mailbox keeps growing until you delete mail there.',
    );
    expect(renderInLanguage(createElement(SwitchPreviewNumbers, { preview: toPop }), 'de')).toContain('Nachrichten auf dem Server belassen, bis Sie etwas anderes wählen.');
  });

  it('to IMAP says there is no rule', () => {
    const toImap = preview('imap', { kind: 'imap-keeps-all' });
    expect(renderInLanguage(createElement(SwitchPreviewNumbers, { preview: toImap }))).toContain('With IMAP the server keeps every message: there is no retention setting.');
    expect(renderInLanguage(createElement(SwitchPreviewNumbers, { preview: toImap }), 'de')).toContain('Es gibt keine Aufbewahrungseinstellung.');
  });
});
