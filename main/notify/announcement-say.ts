import { IntlMessageFormat } from 'intl-messageformat';
import type { AnnouncementWords } from '../../common/commands/notify-commands';
import { ANNOUNCEMENT_ENGLISH, type AnnouncementWordId, type SayAnnouncement } from '../../common/model/announcements';

/**
 * Says announcements in the words the window sent (ICU messages, through FormatJS as the window
 * does: the same plural rules), or in English before it sent any. A message that does not parse,
 * or lacks a value, is said in English: a bad word costs its language, never the announcement.
 */
export function announcementSay(words: AnnouncementWords | null): SayAnnouncement {
  const english = (id: AnnouncementWordId, values?: Record<string, string | number>): string => String(new IntlMessageFormat(ANNOUNCEMENT_ENGLISH[id], 'en').format(values));
  if (!words) return english;
  return (id, values) => {
    try {
      return String(new IntlMessageFormat(words.messages[id], words.locale).format(values));
    } catch {
      return english(id, values);
    }
  };
}
