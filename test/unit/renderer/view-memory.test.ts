import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, EMPTY_SIDE_BY_SIDE, parseSideBySideView, parseView, type RememberedView, type SideBySideView } from '../../../renderer/app/view-memory';

// Issue 12, item 10: a reload forgot the demonstration view.
describe('the remembered view', () => {
  it('comes back as it was stored', () => {
    const view: RememberedView = { layout: 'side-by-side', serverPanelOpen: true, guideOpen: true, chosenDevices: { a1: 'phone' }, place: { accountId: 'a1', deviceId: 'phone', folderId: 'f:INBOX' } };
    expect(parseView(JSON.stringify(view))).toEqual(view);
  });

  it('keeps the default for whatever is missing or of the wrong kind', () => {
    for (const junk of [null, '', 'not json', '[]', '42']) expect(parseView(junk)).toEqual(DEFAULT_VIEW);
    expect(parseView(JSON.stringify({ layout: 'upside-down', serverPanelOpen: 'yes', chosenDevices: { a: 1, b: 'x' }, place: { accountId: 'a' } }))).toEqual({ ...DEFAULT_VIEW, chosenDevices: { b: 'x' } });
  });
});

describe('the remembered side-by-side view', () => {
  it('comes back as it was stored: hidden columns, each column\'s folder, the server panel\'s device', () => {
    const view: SideBySideView = { hidden: ['phone'], folderIds: { laptop: 'f:Archive' }, panelDeviceId: 'phone' };
    expect(parseSideBySideView(JSON.stringify(view))).toEqual(view);
  });

  it('keeps the default for whatever is missing or of the wrong kind', () => {
    for (const junk of [null, '', '{', '[]', '"x"']) expect(parseSideBySideView(junk)).toEqual(EMPTY_SIDE_BY_SIDE);
    expect(parseSideBySideView(JSON.stringify({ hidden: ['a', 3], folderIds: { a: 1, b: 'f:x' }, panelDeviceId: 7 }))).toEqual({ hidden: ['a'], folderIds: { b: 'f:x' }, panelDeviceId: null });
  });
});
