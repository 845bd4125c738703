import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatOctets } from '../../../../common/model/raw-source';
import { endpointText } from '../../../../renderer/i18n/endpoints';
import { intlFor } from '../../../../renderer/i18n/intl';
import { sizeText } from '../../../../renderer/i18n/sizes';

/** The language setting reads localStorage: a stand-in with the chosen language. */
function speak(language: 'en' | 'de'): void {
  vi.stubGlobal('window', { localStorage: { getItem: () => language }, addEventListener: () => undefined, removeEventListener: () => undefined });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const SIZES = [0, 1, 16, 1023, 1024, 1536, 10 * 1024 - 1, 812 * 1024, 1.5 * 1024 * 1024, 64 * 1024 * 1024, 1.2 * 1024 ** 3];

describe('sizes in the language shown', () => {
  it('in English, are formatOctets’ words exactly', () => {
    speak('en');
    for (const size of SIZES) expect(sizeText(size)).toBe(formatOctets(size));
  });

  it('in German, the same rounding with a decimal comma and German bytes', () => {
    speak('de');
    expect(SIZES.map((size) => sizeText(size))).toEqual(['0 Byte', '1 Byte', '16 Byte', '1.023 Byte', '1 KB', '1,5 KB', '10 KB', '812 KB', '1,5 MB', '64 MB', '1,2 GB']);
  });

  it('speak the language of the layer they are given, not the window’s', () => {
    speak('en');
    expect(sizeText(1536, intlFor({ language: 'de', locale: 'de-DE' }))).toBe('1,5 KB');
    expect(endpointText({ host: 'pop.example.com', port: 995, security: 'none' }, intlFor({ language: 'de', locale: 'de-DE' }))).toBe('pop.example.com, Port 995, unverschlüsselt');
    speak('de');
    expect(sizeText(1536, intlFor({ language: 'en', locale: 'de-DE' }))).toBe('1.5 KB');
  });
});
