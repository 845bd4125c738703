import { afterEach, describe, expect, it, vi } from 'vitest';
import { intlFor } from '../../../../renderer/i18n/intl';
import { keyCombo, keyName } from '../../../../renderer/i18n/key-names';

/** The language setting reads localStorage: a stand-in with the chosen language. */
function speak(language: 'en' | 'de'): void {
  vi.stubGlobal('window', { localStorage: { getItem: () => language }, addEventListener: () => undefined, removeEventListener: () => undefined });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('key names', () => {
  it('in English on Windows and Linux, are what the code always wrote', () => {
    const en = { language: 'en', mac: false } as const;
    expect(keyName('Mod', en)).toBe('Ctrl');
    expect(keyName('Shift', en)).toBe('Shift');
    expect(keyCombo('Mod+Z', en)).toBe('Ctrl+Z');
    expect(keyCombo('Mod+b', en)).toBe('Ctrl+B');
    expect(keyCombo('Control+P', en)).toBe('Ctrl+P');
    expect(keyCombo('Shift+J', en)).toBe('Shift+J');
    expect(keyCombo('Mod+Shift+Z', en)).toBe('Ctrl+Shift+Z');
    expect(keyCombo('Mod+Z', { ...en, spoken: true })).toBe('Control+Z');
  });

  it('in German, Ctrl is Strg and Shift is Umschalt, written and spoken', () => {
    const de = { language: 'de', mac: false } as const;
    expect(keyName('Mod', de)).toBe('Strg');
    expect(keyName('Control', de)).toBe('Strg');
    expect(keyName('Shift', de)).toBe('Umschalt');
    expect(keyName('Enter', de)).toBe('Eingabe');
    expect(keyCombo('Mod+Z', de)).toBe('Strg+Z');
    expect(keyCombo('Control+P', de)).toBe('Strg+P');
    expect(keyCombo('Shift+J', de)).toBe('Umschalt+J');
    expect(keyCombo('Mod+Shift+Z', de)).toBe('Strg+Umschalt+Z');
    expect(keyCombo('Mod+Z', { ...de, spoken: true })).toBe('Steuerung+Z');
  });

  it('on a Mac, the command key is ⌘ in every language, written in Apple’s way, and spoken in words', () => {
    for (const language of ['en', 'de'] as const) {
      expect(keyName('Mod', { language, mac: true })).toBe('⌘');
      expect(keyCombo('Mod+Z', { language, mac: true })).toBe('⌘Z');
      expect(keyCombo('Mod+Shift+Z', { language, mac: true })).toBe('⇧⌘Z');
      expect(keyCombo('Mod+k', { language, mac: true })).toBe('⌘K');
    }
    expect(keyCombo('Mod+Z', { language: 'en', mac: true, spoken: true })).toBe('Command+Z');
    expect(keyCombo('Mod+Z', { language: 'de', mac: true, spoken: true })).toBe('Befehl+Z');
    // Without ⌘ a shortcut keeps the words (Control+P works on a Mac too).
    expect(keyCombo('Control+P', { language: 'de', mac: true })).toBe('Strg+P');
    expect(keyName('Shift', { language: 'de', mac: true })).toBe('Umschalt');
  });

  it('speak the language of the layer they are given, whatever the window shows', () => {
    speak('en');
    const german = intlFor({ language: 'de', locale: 'de-AT' });
    expect(keyCombo('Mod+Z', { intl: german, mac: false })).toBe('Strg+Z');
    expect(keyName('Shift', { intl: german, mac: false })).toBe('Umschalt');
    expect(keyCombo('Mod+Z', { intl: intlFor({ language: 'en', locale: 'de-AT' }), mac: false })).toBe('Ctrl+Z');
  });

  it('follow the language shown when none is given', () => {
    speak('de');
    expect(keyCombo('Control+P', { mac: false })).toBe('Strg+P');
    expect(keyName('Shift', { mac: false })).toBe('Umschalt');
    speak('en');
    expect(keyCombo('Control+P', { mac: false })).toBe('Ctrl+P');
  });

  it('keep keys that are not modifiers as they are: a letter as printed, a sign, the plus key', () => {
    const de = { language: 'de', mac: false } as const;
    expect(keyCombo('#', de)).toBe('#');
    expect(keyCombo('Mod++', de)).toBe('Strg++');
    expect(keyCombo('Shift+ArrowDown', de)).toBe('Umschalt+ArrowDown');
    expect(keyCombo('Escape', de)).toBe('Esc');
  });
});
