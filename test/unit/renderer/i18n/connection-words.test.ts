import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../../../common/errors';
import { connectionWords } from '../../../../renderer/features/status/connection-words';
import { intlFor } from '../../../../renderer/i18n/intl';

const german = intlFor({ language: 'de', locale: 'de' });
const english = intlFor({ language: 'en', locale: 'en' });

describe('a device’s status line in the language shown', () => {
  it('says main’s fixed words in German, and in English as main wrote them', () => {
    expect(connectionWords({ connection: 'online', detail: 'Connected', lastSyncAt: null }, german)).toBe('Online – Verbunden');
    expect(connectionWords({ connection: 'online', detail: 'Connected', lastSyncAt: null }, english)).toBe('Online — Connected');
  });

  it('words a general error of main in German, and after a first sync what happened instead of the port hint', () => {
    expect(connectionWords({ connection: 'error', detail: ERROR_MESSAGES.AUTH_FAILED, lastSyncAt: null }, german)).toBe('Problem – Der Server hat den Benutzernamen oder das Passwort abgelehnt.');
    expect(connectionWords({ connection: 'offline', detail: ERROR_MESSAGES.CONNECTION_REFUSED, lastSyncAt: 1 }, english)).toBe('Offline — The server stopped accepting connections; it may be down or restarting.');
  });

  it('leaves a detail made for the one case as main wrote it', () => {
    expect(connectionWords({ connection: 'online', detail: '3 new, 12 on the server', lastSyncAt: 1 }, german)).toMatch(/ – 3 new, 12 on the server$/);
  });
});
