/**
 * The German catalog: every area's file of renderer/i18n/de/, merged (test/unit/renderer/i18n/catalogs.test.ts
 * fails on a file not listed here, an id in two files, or a message missing or left over).
 */
import accountSetup from './de/account-setup.json';
import app from './de/app.json';
import commonWords from './de/common-words.json';
import composer from './de/composer.json';
import conversations from './de/conversations.json';
import devices from './de/devices.json';
import discoveryNotes from './de/discovery-notes.json';
import endpoints from './de/endpoints.json';
import errors from './de/errors.json';
import folderList from './de/folder-list.json';
import folderNames from './de/folder-names.json';
import mainWords from './de/main-words.json';
import messageList from './de/message-list.json';
import preferences from './de/preferences.json';
import reader from './de/reader.json';
import refusals from './de/refusals.json';
import sandbox from './de/sandbox.json';
import search from './de/search.json';
import serverView from './de/server-view.json';
import settings from './de/settings.json';
import sizes from './de/sizes.json';
import status from './de/status.json';
import unified from './de/unified.json';

export const GERMAN: Readonly<Record<string, string>> = {
  ...accountSetup,
  ...app,
  ...commonWords,
  ...composer,
  ...conversations,
  ...devices,
  ...discoveryNotes,
  ...endpoints,
  ...errors,
  ...folderList,
  ...folderNames,
  ...mainWords,
  ...messageList,
  ...preferences,
  ...reader,
  ...refusals,
  ...sandbox,
  ...search,
  ...serverView,
  ...settings,
  ...sizes,
  ...status,
  ...unified,
};
