import { parseMessage, type ParsedBody } from '../../mime/parse-message';

/**
 * The largest message whose whole source is downloaded (to read, forward or save it). Above it
 * only the header section is fetched and the reader says why: a 200 MB literal held whole took
 * the core to 720–900 MB and stalled its event loop for over 3 s (issue 11, item 4). Mail with a
 * 30 MB attachment (40 MB in base64) must still open.
 */
export const LARGEST_MESSAGE_FETCHED_BYTES = 64 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** What the reader shows for a message above the limit: its headers, no body, and why. */
export async function tooLargeBody(messageId: string, headerSection: Uint8Array, size: number, now: number): Promise<ParsedBody> {
  const parsed = await parseMessage(messageId, headerSection, now);
  const notice = `This message is ${megabytes(size)}, larger than the ${megabytes(LARGEST_MESSAGE_FETCHED_BYTES)} Porthole downloads: its headers are shown, the rest stays on the server.`;
  return { ...parsed, body: { ...parsed.body, text: '', html: null, attachments: [], parseWarnings: [notice] }, attachments: [], snippet: '' };
}
