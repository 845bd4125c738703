import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { richTextToPlain, type RichNode } from '../../common/compose/rich-text';
import { LOCAL_FOLDER_IDS, serverFolderId } from '../../common/model/mail';
import { createUser } from '../servers';
import { accountDraft, addAccount, popAccountDraft, startCore } from '../support/core-fixture';
import { otherImapClient } from '../support/other-client';
import { waitFor } from '../support/wait';
import { outgoingMessage } from '../support/outgoing';

/**
 * What a rich message is as sent (issue 16), built by main's composing and read back by the
 * server: Dovecot's BODYSTRUCTURE gives the nesting of the parts (RFC 3501 §7.4.2) and its partial
 * fetches their decoded bytes, so nothing here reads the message with the code that wrote it.
 * Both modes: the message the recipient gets, and the sender's copy in Sent (IMAP: the server's
 * Sent; POP: the local Sent, handed to Dovecot by APPEND to read it the same way).
 */

const servers = inject('servers');
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const PICTURE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const REPORT = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const CID = 'chart1.5f0c@example.test';

/** The editor's document (TipTap's JSON): what the composer turns into both parts. */
const DOC: RichNode = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Grüße Bob, the ' }, { type: 'text', text: 'plan', marks: [{ type: 'bold' }] }, { type: 'text', text: ' is ready:' }] },
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first step' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second step' }] }] },
      ],
    },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a quoted line' }] }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'the notes', marks: [{ type: 'link', attrs: { href: 'https://example.test/notes' } }] }] },
    { type: 'paragraph', content: [{ type: 'image', attrs: { src: `cid:${CID}`, alt: 'chart' } }] },
  ],
};
/** The same document as the composer's HTML, its picture already turned into a `cid:` reference (rich-html.ts withInlineImages). */
const HTML = [
  '<p dir="auto">Grüße Bob, the <strong>plan</strong> is ready:</p>',
  '<ul><li dir="auto"><p dir="auto">first step</p></li><li dir="auto"><p dir="auto">second step</p></li></ul>',
  '<blockquote dir="auto"><p dir="auto">a quoted line</p></blockquote>',
  '<p dir="auto"><a href="https://example.test/notes">the notes</a></p>',
  `<p dir="auto"><img src="cid:${CID}" alt="chart"></p>`,
].join('');

/** A part tree in one line: `multipart/mixed(text/plain, image/png)`. */
function shape(node: MessageStructureObject): string {
  return node.childNodes?.length ? `${node.type}(${node.childNodes.map(shape).join(', ')})` : node.type;
}

function leaves(node: MessageStructureObject): MessageStructureObject[] {
  return node.childNodes?.length ? node.childNodes.flatMap(leaves) : [node];
}

interface ReadBack {
  shape: string;
  /** Each leaf part by its type: what the server says of it, and its bytes decoded (transfer encoding and charset). */
  parts: Map<string, { part: MessageStructureObject; bytes: Buffer }>;
  /** The whole message as stored. */
  raw: Buffer;
}

/** The one message with `subject` in `path`, as Dovecot reads it. */
async function readBack(client: ImapFlow, path: string, subject: string): Promise<ReadBack> {
  const found = await waitFor(
    async () => {
      const lock = await client.getMailboxLock(path);
      try {
        if ((await client.mailboxOpen(path)).exists === 0) return undefined;
        const matching: FetchMessageObject[] = [];
        for await (const m of client.fetch('1:*', { uid: true, envelope: true, bodyStructure: true, source: true })) if (m.envelope?.subject === subject) matching.push(m);
        return matching.length ? matching : undefined;
      } finally {
        lock.release();
      }
    },
    `"${subject}" in ${path}`,
    20_000,
    200,
  );
  expect(found, `copies of "${subject}" in ${path}`).toHaveLength(1);
  const message = found[0]!;
  const parts = new Map<string, { part: MessageStructureObject; bytes: Buffer }>();
  const lock = await client.getMailboxLock(path);
  try {
    for (const part of leaves(message.bodyStructure!)) {
      const { content } = await client.download(String(message.uid), part.part, { uid: true });
      if (!content) throw new Error(`part ${part.part ?? '?'} of "${subject}" could not be read`);
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      parts.set(part.type, { part, bytes: Buffer.concat(chunks) });
    }
  } finally {
    lock.release();
  }
  return { shape: shape(message.bodyStructure!), parts, raw: message.source! };
}

const crlfFree = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();

/** What every copy of the message must be: the nesting, and each part's content. */
function expectRichMessage(copy: ReadBack): void {
  // RFC 2046 §5.1.4 and RFC 2387: the text and the HTML are alternatives; the picture sits beside
  // the HTML that shows it, in multipart/related; the attachment beside both, in multipart/mixed.
  expect(copy.shape).toBe('multipart/mixed(multipart/alternative(text/plain, multipart/related(text/html, image/png)), application/pdf)');
  const text = copy.parts.get('text/plain')!;
  expect(text.part.parameters?.charset?.toLowerCase()).toBe('utf-8');
  expect(crlfFree(text.bytes.toString('utf8'))).toBe(richTextToPlain(DOC));
  // The text part is readable as text: the list, the quote, the link's address, the picture's name.
  expect(crlfFree(text.bytes.toString('utf8'))).toBe(['Grüße Bob, the plan is ready:', '', '- first step', '- second step', '', '> a quoted line', '', 'the notes <https://example.test/notes>', '', '[chart]'].join('\n'));
  const html = copy.parts.get('text/html')!;
  expect(html.part.parameters?.charset?.toLowerCase()).toBe('utf-8');
  expect(html.bytes.toString('utf8')).toBe(HTML);
  // RFC 2392: the HTML's cid: names the picture's Content-ID.
  const picture = copy.parts.get('image/png')!;
  expect(picture.part.id).toBe(`<${CID}>`);
  expect(picture.part.disposition).toBe('inline');
  expect(picture.bytes.equals(PICTURE)).toBe(true);
  const report = copy.parts.get('application/pdf')!;
  expect(report.part.disposition).toBe('attachment');
  expect(report.part.dispositionParameters?.filename).toBe('report.pdf');
  expect(report.bytes.equals(REPORT)).toBe(true);
}

describe('a rich message as sent: its parts, their nesting and their content, read back by the server', () => {
  it.each(['imap', 'pop'] as const)('%s: the recipient’s copy and the copy in Sent', async (mode) => {
    const alice = await createUser(servers);
    const bob = await createUser(servers);
    const fixture = await startCore();
    cleanups.push(() => fixture.dispose());
    const { ref, db } = await addAccount(fixture, mode === 'imap' ? accountDraft(servers, alice, 'starttls') : popAccountDraft(servers, alice, 'starttls'));
    const bobServer = await otherImapClient(servers, bob);
    cleanups.push(() => bobServer.logout());
    const subject = `Rich plan (${mode})`;
    const message = outgoingMessage(ref, bob.address, {
      subject,
      text: richTextToPlain(DOC),
      html: HTML,
      attachments: [
        { filename: 'chart.png', contentType: 'image/png', content: new Uint8Array(PICTURE), contentId: CID },
        { filename: 'report.pdf', contentType: 'application/pdf', content: new Uint8Array(REPORT) },
      ],
    });
    expect(await fixture.core.handle('message:send', message)).toMatchObject({ ok: true });

    const received = await readBack(bobServer, 'INBOX', subject);
    expectRichMessage(received);

    let sent: ReadBack;
    if (mode === 'imap') {
      const aliceServer = await otherImapClient(servers, alice);
      cleanups.push(() => aliceServer.logout());
      sent = await readBack(aliceServer, 'Sent', subject);
      await waitFor(async () => (await db.messages.toArray()).some((m) => m.folderId === serverFolderId('Sent') && m.subject === subject) || undefined, 'the Sent copy in the cache');
    } else {
      const kept = await waitFor(async () => (await db.messages.toArray()).find((m) => m.folderId === LOCAL_FOLDER_IDS.sent && m.subject === subject), 'the copy in the local Sent');
      const source = await fixture.core.handle('message:source', { ...ref, messageId: kept.id });
      if (!source.ok) throw new Error(`the local Sent copy could not be read: ${source.error.message}`);
      await bobServer.mailboxCreate('Kept by Alice');
      await bobServer.append('Kept by Alice', Buffer.from(source.value));
      sent = await readBack(bobServer, 'Kept by Alice', subject);
    }
    expectRichMessage(sent);
    // One message: the same Message-ID in both copies.
    const messageIdOf = (copy: ReadBack): string | undefined => /^message-id:\s*(\S+)/im.exec(copy.raw.toString('latin1'))?.[1];
    expect(messageIdOf(sent)).toBe(messageIdOf(received));
  });
});
