import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { LOCAL_FOLDER_IDS } from '../../../common/model/mail';
import type { MessageStates } from '../../../common/model/switch';
import { SwitchStateList } from '../../../renderer/features/devices/SwitchStateList';
import { renderInLanguage } from '../../support/render-intl';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const states = (folder: MessageStates['folder']): MessageStates => ({ id: 'local:1', subject: 'Ferry plan', from: 'Ana Lima', folder, differences: [{ flag: '\\Seen', here: true, server: false }] });
const render = (folder: MessageStates['folder'], language: 'en' | 'de'): string =>
  text(renderInLanguage(createElement(SwitchStateList, { changes: [states(folder)], value: { upload: true, pushStates: true, copyFolders: [] }, onChange: () => undefined }), language));

describe('the switch preview’s states that differ', () => {
  it('names this device’s own folder as the folder list does, and one the user made by its path', () => {
    const inbox = { id: LOCAL_FOLDER_IDS.inbox, origin: 'local' as const, path: 'Inbox', name: 'Inbox', role: 'inbox' as const };
    expect(render(inbox, 'en')).toContain('Ana Lima · Inbox');
    expect(render(inbox, 'de')).toContain('Ana Lima · Posteingang');
    const own = { id: 'local:folder-1', origin: 'local' as const, path: 'Receipts/2026', name: '2026', role: null };
    expect(render(own, 'de')).toContain('Ana Lima · Receipts/2026');
  });
});
