/**
 * What the window shows (layout, account, device, folder, open panels), kept across a reload.
 * In sessionStorage: it belongs to this window (tab), not to every window of the app, and it
 * survives a reload but not the window. The address's fragment is left alone: it carries the
 * harness's token (bridge/harness-token.ts).
 */
export interface RememberedView {
  layout: 'three-pane' | 'side-by-side';
  serverPanelOpen: boolean;
  guideOpen: boolean;
  /** The device each account showed last, by account id. */
  chosenDevices: Record<string, string>;
  /** The account, device and folder shown; whether they still exist is checked when used. */
  place: { accountId: string; deviceId: string; folderId: string | null } | null;
}

export const VIEW_KEY = 'porthole.view';

export const DEFAULT_VIEW: RememberedView = { layout: 'three-pane', serverPanelOpen: false, guideOpen: false, chosenDevices: {}, place: null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored JSON object, or null for anything else (nothing stored, not JSON, not an object). */
function storedRecord(stored: string | null): Record<string, unknown> | null {
  try {
    const value: unknown = stored ? JSON.parse(stored) : null;
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** A stored view, field by field; a field that is missing or of the wrong kind keeps its default. */
export function parseView(stored: string | null): RememberedView {
  const value = storedRecord(stored);
  if (!value) return DEFAULT_VIEW;
  const devices = isRecord(value.chosenDevices) ? Object.fromEntries(Object.entries(value.chosenDevices).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  const place = isRecord(value.place) && typeof value.place.accountId === 'string' && typeof value.place.deviceId === 'string'
    ? { accountId: value.place.accountId, deviceId: value.place.deviceId, folderId: typeof value.place.folderId === 'string' ? value.place.folderId : null }
    : null;
  return {
    layout: value.layout === 'side-by-side' ? 'side-by-side' : 'three-pane',
    serverPanelOpen: value.serverPanelOpen === true,
    guideOpen: value.guideOpen === true,
    chosenDevices: devices,
    place,
  };
}

export function loadView(): RememberedView {
  try {
    return parseView(window.sessionStorage.getItem(VIEW_KEY));
  } catch {
    return DEFAULT_VIEW;
  }
}

export function saveView(view: RememberedView): void {
  try {
    window.sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  } catch {
    // Storage switched off: the view is simply not remembered.
  }
}

/** What Devices side by side shows for one account, kept across a reload like the rest of the view. */
export interface SideBySideView {
  /** Devices whose column the user hid. */
  hidden: string[];
  /** The folder each column shows, by device id. */
  folderIds: Record<string, string>;
  /** The device the server panel speaks for (null: the first shown). */
  panelDeviceId: string | null;
}

export const EMPTY_SIDE_BY_SIDE: SideBySideView = { hidden: [], folderIds: {}, panelDeviceId: null };

const sideBySideKey = (accountId: string): string => `porthole.sideBySide.${accountId}`;

/** A stored side-by-side view, field by field; anything unreadable keeps its default. */
export function parseSideBySideView(stored: string | null): SideBySideView {
  const value = storedRecord(stored);
  if (!value) return EMPTY_SIDE_BY_SIDE;
  return {
    hidden: Array.isArray(value.hidden) ? value.hidden.filter((id): id is string => typeof id === 'string') : [],
    folderIds: isRecord(value.folderIds) ? Object.fromEntries(Object.entries(value.folderIds).filter((e): e is [string, string] => typeof e[1] === 'string')) : {},
    panelDeviceId: typeof value.panelDeviceId === 'string' ? value.panelDeviceId : null,
  };
}

export function loadSideBySideView(accountId: string): SideBySideView {
  try {
    return parseSideBySideView(window.sessionStorage.getItem(sideBySideKey(accountId)));
  } catch {
    return EMPTY_SIDE_BY_SIDE;
  }
}

export function saveSideBySideView(accountId: string, view: SideBySideView): void {
  try {
    window.sessionStorage.setItem(sideBySideKey(accountId), JSON.stringify(view));
  } catch {
    // Storage switched off: the view is simply not remembered.
  }
}
