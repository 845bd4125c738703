import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MessageRecord } from '../../../common/model/mail';
import { decodeCharset, decodeTransfer, htmlToPlainText, makeSnippet } from '../../mime/text-decoding';
import { findSnippetPart, toMessageRecord, type SnippetPart } from '../../protocols/imap/header-mapping';
import { toSequenceSet } from '../uid-set';

const SNIPPET_BYTES = 600;

export interface FetchedHeaders {
  records: MessageRecord[];
  /** Highest MODSEQ among the fetched messages (CONDSTORE), as a decimal string. */
  highestModseq: bigint | null;
}

/**
 * Headers of the given UIDs in the selected mailbox, with a short snippet each. The snippet is
 * the first bytes of the first text part, fetched in one extra FETCH per distinct part number
 * (usually one or two per batch), decoded with the part's transfer encoding and charset.
 */
export async function fetchHeaders(client: ImapFlow, folderId: string, uids: number[] | string): Promise<FetchedHeaders> {
  const range = typeof uids === 'string' ? uids : toSequenceSet(uids);
  if (!range) return { records: [], highestModseq: null };
  const fetched: FetchMessageObject[] = [];
  let highestModseq: bigint | null = null;
  for await (const message of client.fetch(range, { uid: true, flags: true, envelope: true, bodyStructure: true, size: true, internalDate: true }, { uid: true })) {
    fetched.push(message);
    if (message.modseq !== undefined && (highestModseq === null || message.modseq > highestModseq)) highestModseq = message.modseq;
  }
  const snippets = await fetchSnippets(client, fetched);
  return { records: fetched.map((m) => toMessageRecord(folderId, m, snippets.get(m.uid) ?? '')), highestModseq };
}

async function fetchSnippets(client: ImapFlow, messages: FetchMessageObject[]): Promise<Map<number, string>> {
  const byPart = new Map<string, Array<{ uid: number; part: SnippetPart }>>();
  for (const message of messages) {
    const part = findSnippetPart(message.bodyStructure);
    if (!part) continue;
    const group = byPart.get(part.part) ?? [];
    group.push({ uid: message.uid, part });
    byPart.set(part.part, group);
  }
  const snippets = new Map<number, string>();
  for (const [partKey, group] of byPart) {
    const wanted = new Map(group.map((g) => [g.uid, g.part]));
    const range = toSequenceSet(wanted.keys());
    for await (const message of client.fetch(range, { uid: true, bodyParts: [{ key: partKey, start: 0, maxLength: SNIPPET_BYTES }] }, { uid: true })) {
      const part = wanted.get(message.uid);
      const bytes = message.bodyParts ? [...message.bodyParts.values()][0] : undefined;
      if (!part || !bytes) continue;
      const text = decodeCharset(decodeTransfer(bytes, part.encoding), part.charset);
      snippets.set(message.uid, makeSnippet(part.html ? htmlToPlainText(text) : text));
    }
  }
  return snippets;
}
