import type { IntlShape } from 'react-intl';
import { languageOfIntl, uiLanguage } from './intl';
import type { UiLanguage } from './language';

/**
 * Keys as the people reading them call them: the one place where a shortcut shown on screen
 * (a tooltip, a hint, a menu) or said to a screen reader gets its key names. German keyboards
 * label Ctrl "Strg" and Shift "Umschalt" (⇧); a Mac writes the command key ⌘ in every language,
 * and a shortcut with it in Apple's way: its modifiers' signs before the key, no plus (⌘Z, ⇧⌘Z).
 * The bindings themselves (aria-keyshortcuts, useKeyboardShortcuts) keep their fixed English
 * names: they are read by software, not by people.
 */

/** A modifier or named key of a binding: "Mod" is Ctrl, or ⌘ on a Mac. */
export type KeyName = 'Mod' | 'Control' | 'Shift' | 'Alt' | 'Escape' | 'Enter';

/** Ctrl on Windows and Linux, ⌘ on a Mac: what the user presses for "Mod". */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export interface KeyWording {
  /** The language of this layer (a component's useIntl()): the words go into its texts. */
  intl?: IntlShape;
  /** Else this language; else the language shown now. */
  language?: UiLanguage;
  /** This computer's unless given. */
  mac?: boolean;
  /** As a screen reader should say it (words, no signs): "Control+Z", "Steuerung+Z". */
  spoken?: boolean;
}

const WRITTEN: Record<UiLanguage, Record<KeyName, string>> = {
  en: { Mod: 'Ctrl', Control: 'Ctrl', Shift: 'Shift', Alt: 'Alt', Escape: 'Esc', Enter: 'Enter' },
  de: { Mod: 'Strg', Control: 'Strg', Shift: 'Umschalt', Alt: 'Alt', Escape: 'Esc', Enter: 'Eingabe' },
};

const SPOKEN: Record<UiLanguage, Record<KeyName, string>> = {
  en: { Mod: 'Control', Control: 'Control', Shift: 'Shift', Alt: 'Alt', Escape: 'Escape', Enter: 'Enter' },
  de: { Mod: 'Steuerung', Control: 'Steuerung', Shift: 'Umschalt', Alt: 'Alt', Escape: 'Escape', Enter: 'Eingabe' },
};

/** A Mac's own names: the signs in its menus, the words VoiceOver says. */
const MAC_WRITTEN: Partial<Record<KeyName, string>> = { Mod: '⌘', Alt: '⌥' };
const MAC_SPOKEN: Record<UiLanguage, Partial<Record<KeyName, string>>> = {
  en: { Mod: 'Command', Alt: 'Option' },
  de: { Mod: 'Befehl', Alt: 'Wahltaste' },
};
/** Apple's order and signs of the modifiers in a shortcut written with ⌘. */
const MAC_SIGNS: ReadonlyArray<[KeyName, string]> = [
  ['Control', '⌃'],
  ['Alt', '⌥'],
  ['Shift', '⇧'],
  ['Mod', '⌘'],
];

const isKeyName = (key: string): key is KeyName => key in WRITTEN.en;

type Settled = Required<Omit<KeyWording, 'intl'>>;

function settle({ intl, language, mac, spoken }: KeyWording): Settled {
  return { language: language ?? (intl ? languageOfIntl(intl) : uiLanguage()), mac: mac ?? IS_MAC, spoken: spoken ?? false };
}

/** One key's name: keyName('Shift') is "Shift" in English, "Umschalt" in German; keyName('Mod') "Ctrl", "Strg" or ⌘. */
export function keyName(key: KeyName, wording: KeyWording = {}): string {
  const { language, mac, spoken } = settle(wording);
  if (mac) {
    const own = spoken ? MAC_SPOKEN[language][key] : MAC_WRITTEN[key];
    if (own) return own;
  }
  return (spoken ? SPOKEN : WRITTEN)[language][key];
}

/** A letter key as printed on the keyboard (Z, not z); a named key by its name; any other as it is. */
function keyFace(key: string, wording: Settled): string {
  if (isKeyName(key)) return keyName(key, wording);
  return key.length === 1 ? key.toUpperCase() : key;
}

/**
 * A binding ("Mod+Z", "Control+P", "Shift+J", "Mod+Shift+Z") as people read it: "Ctrl+Z", "Strg+Z",
 * "Umschalt+J"; on a Mac one with ⌘ in Apple's way ("⌘Z", "⇧⌘Z"); spoken, in words ("Befehl+Z").
 */
export function keyCombo(binding: string, wording: KeyWording = {}): string {
  const full = settle(wording);
  const parts = binding.split('+');
  // "Mod++" (the plus key) splits into empty parts: the key is the plus.
  const key = parts.at(-1) === '' ? '+' : parts.at(-1)!;
  const modifiers = parts.slice(0, parts.at(-1) === '' ? -2 : -1).filter((part): part is KeyName => isKeyName(part));
  if (full.mac && !full.spoken && modifiers.includes('Mod')) {
    return MAC_SIGNS.filter(([name]) => modifiers.includes(name)).map(([, sign]) => sign).join('') + keyFace(key, full);
  }
  return [...modifiers.map((name) => keyName(name, full)), keyFace(key, full)].join('+');
}
