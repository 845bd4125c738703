/**
 * When a message shown in a reader becomes read: as soon as it is opened (the default, as in
 * Thunderbird), after it has been shown for some seconds, or only when the user marks it.
 */
export type MarkReadSetting = { when: 'on-open' } | { when: 'after-delay'; seconds: number } | { when: 'by-hand' };

/**
 * How a message came to be shown: the user chose it (click, keys), or the app did (the next
 * message after a Delete or a Move), which says nothing about whether anyone looked at it.
 */
export type SelectedBy = 'user' | 'app';

export const DEFAULT_MARK_READ: MarkReadSetting = { when: 'on-open' };
export const DEFAULT_DELAY_SECONDS = 2;
export const MAX_DELAY_SECONDS = 60;

/** Whether a message shown for `shownForMs` should be read by now. */
export function shouldMarkRead(setting: MarkReadSetting, selectedBy: SelectedBy, shownForMs: number): boolean {
  if (selectedBy === 'app') return false;
  switch (setting.when) {
    case 'on-open':
      return true;
    case 'after-delay':
      return shownForMs >= setting.seconds * 1000;
    case 'by-hand':
      return false;
    default: {
      const unknown: never = setting;
      throw new Error(`Unknown mark-read setting ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * What opening a message does about its read state: `markSeen` goes with `message:open`;
 * `markAfterMs`, when set, is how long it must stay shown before it is marked.
 */
export function markReadPlan(setting: MarkReadSetting, selectedBy: SelectedBy): { markSeen: boolean; markAfterMs: number | null } {
  const markSeen = shouldMarkRead(setting, selectedBy, 0);
  const later = !markSeen && setting.when === 'after-delay' && shouldMarkRead(setting, selectedBy, setting.seconds * 1000);
  return { markSeen, markAfterMs: later ? setting.seconds * 1000 : null };
}

/** A stored value as a setting; anything unreadable (an old or hand-edited value) is the default. */
export function parseMarkRead(stored: string | null): MarkReadSetting {
  if (!stored) return DEFAULT_MARK_READ;
  try {
    const value = JSON.parse(stored) as { when?: unknown; seconds?: unknown };
    if (value.when === 'on-open' || value.when === 'by-hand') return { when: value.when };
    if (value.when === 'after-delay' && typeof value.seconds === 'number' && Number.isFinite(value.seconds)) {
      return { when: 'after-delay', seconds: clampDelay(value.seconds) };
    }
  } catch {
    // Not JSON: fall through to the default.
  }
  return DEFAULT_MARK_READ;
}

export function clampDelay(seconds: number): number {
  return Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.round(seconds * 10) / 10));
}
