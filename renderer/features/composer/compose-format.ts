import { storedSetting } from '../../app/stored-setting';

export type ComposeFormat = 'plain' | 'rich';

/** How a new message starts: as the user last chose in a composer (plain text until they choose). */
export const composeFormat = storedSetting<ComposeFormat>('porthole.composeFormat', (stored) => (stored === '"rich"' ? 'rich' : 'plain'));
