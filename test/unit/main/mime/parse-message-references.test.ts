import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../main/mime/parse-message';

const source = (headers: string): Uint8Array => Buffer.from(`${headers}From: a@example.test\r\nSubject: Re: Lunch\r\nMessage-ID: <c@x>\r\n\r\nbody\r\n`);

describe('parseMessage: References on the envelope (POP, Sent, drafts)', () => {
  it('reads a folded References header with comments', async () => {
    const { envelope } = await parseMessage('m', source('References: <a@x> (first)\r\n <b@x>\r\nIn-Reply-To: <b@x>\r\n'));
    expect(envelope.references).toEqual(['<a@x>', '<b@x>']);
  });

  it('gives none without the header', async () => {
    expect((await parseMessage('m', source(''))).envelope.references).toEqual([]);
  });
});
