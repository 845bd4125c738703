import { formatOctets, LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { parseMessage, type ParsedBody } from '../../mime/parse-message';


/** What the reader shows for a message above the limit: its headers, no body, and why. */
export async function tooLargeBody(messageId: string, headerSection: Uint8Array, size: number, now: number): Promise<ParsedBody> {
  const parsed = await parseMessage(messageId, headerSection, now);
  const notice = `This message is ${formatOctets(size)}, larger than the ${formatOctets(LARGE_MESSAGE_BYTES)} Porthole downloads: its headers are shown, the rest stays on the server.`;
  return { ...parsed, body: { ...parsed.body, text: '', html: null, attachments: [], parseWarnings: [notice] }, attachments: [], snippet: '' };
}
