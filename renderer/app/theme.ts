/**
 * Light or dark: as the system says (the default, like Apple Mail and Thunderbird), or forced.
 * The stylesheet holds both palettes (CSS light-dark()); the choice only sets the root's
 * color-scheme through `data-theme`, so the native controls and scroll bars follow it too, and
 * main is told (app:setTheme) so the window's frame and menus match.
 */
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { ThemeChoice } from '../../common/commands/app-commands';
import { storedSetting } from './stored-setting';

export type { ThemeChoice };

const themeLabels = defineMessages({
  system: { id: 'preferences.theme.system', defaultMessage: 'Match the system' },
  light: { id: 'preferences.theme.light', defaultMessage: 'Light' },
  dark: { id: 'preferences.theme.dark', defaultMessage: 'Dark' },
});

export const THEME_CHOICES: ReadonlyArray<{ value: ThemeChoice; label: MessageDescriptor }> = [
  { value: 'system', label: themeLabels.system },
  { value: 'light', label: themeLabels.light },
  { value: 'dark', label: themeLabels.dark },
];

/** Anything stored that is not a known choice (an old or hand-edited value) follows the system. */
export function parseTheme(stored: string | null): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export const themeSetting = storedSetting<ThemeChoice>('porthole.theme', parseTheme, (value) => value);

/** Sets the document's theme; called before the first paint and at every change. */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

/** Applies the stored choice now and follows every later change, in this window and others. */
export function followThemeSetting(root: HTMLElement): () => void {
  applyTheme(root, themeSetting.read());
  return themeSetting.subscribe(() => applyTheme(root, themeSetting.read()));
}
