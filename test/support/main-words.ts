import type { Notice, StatusDetail } from '../../common/contract';
import { statusDetailText } from '../../renderer/features/status/connection-words';
import { noticeText } from '../../renderer/features/status/notice-words';
import { intlFor } from '../../renderer/i18n/intl';

/**
 * Main sends codes with values (common/model/main-words.ts); the renderer words them. Tests of
 * main read them in the English the renderer shows.
 */
const english = intlFor({ language: 'en', locale: 'en' });

/** A status line's detail in English, as the status bar shows it (`lastSyncAt`: the device had worked in this run). */
export function statusEnglish(detail: StatusDetail, lastSyncAt: number | null = null): string {
  return statusDetailText(detail, lastSyncAt, english);
}

/** A notice from main in English, as the window shows it. */
export function noticeEnglish(notice: Pick<Notice, 'words'>): string {
  return noticeText(notice.words, english);
}
