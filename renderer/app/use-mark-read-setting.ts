import { parseMarkRead, type MarkReadSetting } from './mark-read';
import { storedSetting } from './stored-setting';

/** When messages are marked read, for every account and window of this computer. */
const markRead = storedSetting<MarkReadSetting>('porthole.markRead', parseMarkRead);

export function useMarkReadSetting(): [MarkReadSetting, (setting: MarkReadSetting) => void] {
  return markRead.use();
}
