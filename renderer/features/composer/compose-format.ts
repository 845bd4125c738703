import { storedSetting } from '../../app/stored-setting';

export type ComposeFormat = 'plain' | 'rich';

/**
 * How a new message starts: as the user last chose in a composer; rich text until they choose, as
 * in the mail programs people come from (an identity set to plain text only still starts plain).
 */
export function formatFromStored(stored: string | null): ComposeFormat {
  return stored === '"plain"' ? 'plain' : 'rich';
}

export const composeFormat = storedSetting<ComposeFormat>('porthole.composeFormat', formatFromStored);
