import type { APP_COMMANDS, ThemeChoice } from '../../common/commands/app-commands';
import { classifyLink } from '../../common/link-policy';
import type { PreferencesStore } from '../accounts/preferences-store';
import type { SecretStore } from '../accounts/secret-store';
import { fetchRemoteImages } from '../remote/fetch-images';
import type { ServerViews } from '../server-view/server-views';
import type { HandlersFor } from './handler-types';
import type { Transcripts } from './services';
import { readMessageFile } from '../mime/message-file';

export interface AppServices {
  app: { version: string; transport: 'electron' | 'web' };
  secrets: Pick<SecretStore, 'kind' | 'warning' | 'needsConsent'>;
  /** Opens a web page in the system browser (Electron's shell); the harness has none. */
  openExternal: ((url: string) => Promise<void>) | undefined;
  /** Tells the window system the theme (Electron's nativeTheme); the harness's browser has none to tell. */
  setTheme: (theme: ThemeChoice) => void;
  preferences: Pick<PreferencesStore, 'remoteContentSenders' | 'setRemoteContentSender'>;
  transcripts: Pick<Transcripts, 'get'>;
  serverViews: Pick<ServerViews, 'watch' | 'unwatch'>;
}

export function appHandlers({ app, secrets, openExternal, setTheme, preferences, transcripts, serverViews }: AppServices): HandlersFor<keyof typeof APP_COMMANDS> {
  return {
    'app:info': () =>
      Promise.resolve({
        version: app.version,
        transport: app.transport,
        secretStorage: secrets.kind,
        secretStorageWarning: secrets.warning,
        secretStorageNeedsConsent: secrets.needsConsent,
      }),
    'app:setTheme': ({ theme }) => {
      setTheme(theme);
      return Promise.resolve(null);
    },
    'link:open': async ({ url }) => {
      const decision = classifyLink(url);
      if (decision.kind !== 'web') return { action: 'refused', refusal: decision.kind === 'refused' ? decision.refusal : { reason: 'mail-link' } };
      if (!openExternal) return { action: 'open-in-page', url: decision.url };
      await openExternal(decision.url);
      return { action: 'opened' };
    },
    'remote:allowedSenders': () => preferences.remoteContentSenders(),
    'remote:allowSender': ({ address, allow }) => preferences.setRemoteContentSender(address, allow),
    'remote:fetchImages': async ({ urls }) => fetchRemoteImages(urls),
    'transcript:get': ({ accountId }) => Promise.resolve(transcripts.get(accountId)),
    'serverView:watch': async ({ accountId, mode, folderPath }) => {
      await serverViews.watch(accountId, mode, folderPath);
      return null;
    },
    'serverView:unwatch': async ({ accountId }) => {
      await serverViews.unwatch(accountId);
      return null;
    },
    'file:readMessage': ({ fileName, bytes }) => readMessageFile(fileName, bytes),
  };
}
