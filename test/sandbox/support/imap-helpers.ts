import type { FetchMessageObject, FetchQueryObject, ImapFlow, StatusObject, StatusQuery } from 'imapflow';

/** imapflow's fetchOne, failing the test instead of returning false. */
export async function fetchOne(client: ImapFlow, range: string, query: FetchQueryObject, options?: { uid?: boolean }): Promise<FetchMessageObject> {
  const message = await client.fetchOne(range, query, options);
  if (!message) throw new Error(`no message ${range}`);
  return message;
}

/** imapflow's status, failing the test instead of returning false. */
export async function status(client: ImapFlow, path: string, query: StatusQuery): Promise<StatusObject> {
  const result = await client.status(path, query);
  if (!result) throw new Error(`no status for ${path}`);
  return result;
}

/** A body part as imapflow decodes it (transfer encoding removed). */
export async function downloadPart(client: ImapFlow, uid: number, part: string): Promise<Buffer> {
  const { content } = await client.download(String(uid), part, { uid: true });
  if (!content) throw new Error(`no part ${part}`);
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
