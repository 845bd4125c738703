import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { redactCommand } from '../../../../../main/protocols/pop3/pop3-session';
import { ResponseReader, unstuff } from '../../../../../main/protocols/pop3/response-reader';

function pipe(): { reader: ResponseReader; write: (bytes: Buffer | string) => void; end: () => void } {
  const stream = new PassThrough();
  const reader = new ResponseReader();
  reader.attach(stream as unknown as Socket);
  return { reader, write: (bytes) => stream.write(bytes), end: () => stream.end() };
}

const MESSAGE = 'Subject: dots\r\n\r\nLine one\r\n..starts with a dot\r\n...two dots\r\nlast\r\n';
const STUFFED = 'Subject: dots\r\n\r\nLine one\r\n...starts with a dot\r\n....two dots\r\nlast\r\n.\r\n';

describe('ResponseReader', () => {
  it.each([1, 2, 3, 4, 5, 7, 64, 4096])('frames blocks and lines exactly when TCP splits every %i bytes', async (size) => {
    const { reader, write } = pipe();
    const wire = Buffer.from(`+OK 2 messages\r\n${STUFFED}+OK bye\r\n`);
    const status = reader.readLine();
    for (let i = 0; i < wire.length; i += size) write(wire.subarray(i, i + size));
    expect((await status).toString()).toBe('+OK 2 messages');
    expect((await reader.readBlock()).toString()).toBe(MESSAGE);
    expect((await reader.readLine()).toString()).toBe('+OK bye');
  });

  it('reads an empty block', async () => {
    const { reader, write } = pipe();
    write('.\r\n+OK\r\n');
    expect((await reader.readBlock()).length).toBe(0);
    expect((await reader.readLine()).toString()).toBe('+OK');
  });

  it('does not end a block at a "." that is not alone on its line', async () => {
    const { reader, write } = pipe();
    write('a\r\n.b\r\n.\r\n');
    expect((await reader.readBlock()).toString()).toBe('a\r\nb\r\n');
  });

  it('reads a 30 MB block arriving in 64 KB pieces', async () => {
    const { reader, write } = pipe();
    const big = Buffer.alloc(30 * 1024 * 1024, 0x41);
    const block = reader.readBlock();
    for (let i = 0; i < big.length; i += 65_536) write(big.subarray(i, i + 65_536));
    write('\r\n.\r\n');
    expect((await block).length).toBe(big.length + 2);
  });

  it('fails a pending read when the connection ends', async () => {
    const { reader, write, end } = pipe();
    write('partial line without end');
    const line = reader.readLine();
    end();
    await expect(line).rejects.toThrow('closed');
  });
});

describe('unstuff and redaction', () => {
  it('removes one leading dot per stuffed line, including the first', () => {
    expect(unstuff(Buffer.from('..first\r\nplain\r\n..x\r\n')).toString()).toBe('.first\r\nplain\r\n.x\r\n');
    expect(unstuff(Buffer.from('no dots\r\n')).toString()).toBe('no dots\r\n');
  });

  it('never lets a password, a SASL response or an APOP digest into a transcript', () => {
    expect(redactCommand('PASS hunter2')).toBe('PASS ********');
    expect(redactCommand('AUTH PLAIN AGFsaWNlAGh1bnRlcjI=')).toBe('AUTH PLAIN ********');
    expect(redactCommand('APOP alice c4c9334bac560ecc979e58001b3e22fb')).toBe('APOP alice ********');
    expect(redactCommand('RETR 3')).toBe('RETR 3');
  });
});
