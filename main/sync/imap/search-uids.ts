import type { ImapFlow } from 'imapflow';
import { fromSequenceSet } from '../uid-set';

/** UIDs of the selected mailbox in a UID range, using ESEARCH (RFC 4731) when the server has it. */
export async function searchUids(client: ImapFlow, uidRange: string): Promise<number[]> {
  if (client.capabilities.has('ESEARCH')) {
    const result = await client.search({ uid: uidRange }, { uid: true, returnOptions: ['ALL'] });
    if (result && !Array.isArray(result)) return result.all ? fromSequenceSet(result.all) : [];
  }
  const list = await client.search({ uid: uidRange }, { uid: true });
  return Array.isArray(list) ? list : [];
}
