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

  it.each([1, 2, 3, 4, 5, 7, 64, 4096])('streams a block to its consumer exactly when TCP splits every %i bytes', async (size) => {
    const { reader, write } = pipe();
    // Stuffed lines, a CR without LF, and a "." that is not alone on its line, at every offset.
    const message = `${MESSAGE}a\rb\r\n.\r\n`.replace(/\r\n\.\r\n$/, '\r\n');
    const stuffed = `+OK\r\n${message.replace(/^\./gm, '..')}.\r\n+OK next\r\n`;
    const wire = Buffer.from(stuffed);
    const pieces: Buffer[] = [];
    const status = reader.readLine();
    for (let i = 0; i < wire.length; i += size) write(wire.subarray(i, i + size));
    expect((await status).toString()).toBe('+OK');
    const length = await reader.streamBlock(async (bytes) => {
      pieces.push(bytes);
      await Promise.resolve();
    });
    expect(Buffer.concat(pieces).toString()).toBe(message);
    expect(length).toBe(Buffer.byteLength(message));
    expect((await reader.readLine()).toString()).toBe('+OK next');
  });

  it('splits the wire at every byte offset of a stuffed block and still frames it exactly', async () => {
    const wire = Buffer.from(`${STUFFED}+OK bye\r\n`);
    for (let cut = 1; cut < wire.length; cut++) {
      const { reader, write } = pipe();
      write(wire.subarray(0, cut));
      write(wire.subarray(cut));
      const pieces: Buffer[] = [];
      await reader.streamBlock((bytes) => void pieces.push(bytes));
      expect(Buffer.concat(pieces).toString(), `cut at ${cut}`).toBe(MESSAGE);
      expect((await reader.readLine()).toString()).toBe('+OK bye');
    }
  });

  it('hands a 30 MB block over in pieces of about 1 MB, never whole', async () => {
    const { reader, write } = pipe();
    const big = Buffer.alloc(30 * 1024 * 1024, 0x41);
    let largest = 0;
    let total = 0;
    const block = reader.streamBlock((bytes) => {
      largest = Math.max(largest, bytes.length);
      total += bytes.length;
    });
    for (let i = 0; i < big.length; i += 65_536) write(big.subarray(i, i + 65_536));
    write('\r\n.\r\n');
    expect(await block).toBe(big.length + 2);
    expect(total).toBe(big.length + 2);
    expect(largest).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('fails a status line longer than its limit without waiting for its end', async () => {
    const { reader, write } = pipe();
    const line = reader.readLine(512);
    write(Buffer.alloc(600, 0x41));
    await expect(line).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
  });

  it('fails a listing line longer than its limit, and a block longer than its total', async () => {
    const first = pipe();
    const listing = first.reader.readBlock({ maxLineOctets: 100, maxTotalOctets: null });
    first.write(`1 abc\r\n2 ${'x'.repeat(200)}`);
    await expect(listing).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
    const second = pipe();
    const header = second.reader.readBlock({ maxLineOctets: null, maxTotalOctets: 1000 });
    second.write(`${'Subject: x\r\n'.repeat(200)}`);
    await expect(header).rejects.toMatchObject({ code: 'RESPONSE_TOO_LARGE' });
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
