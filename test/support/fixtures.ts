import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeMessage } from '../servers';

const MAIL_DIR = join(__dirname, '..', 'fixtures', 'mail');

/** A fixture message from test/fixtures/mail, as raw bytes. */
export function fixtureMail(name: string): string {
  return readFileSync(join(MAIL_DIR, name), 'latin1');
}

/** `count` simple messages, one minute apart, subjects "Message 1" (oldest) … "Message n" (newest). */
export function numberedMessages(count: number, start = new Date('2026-01-01T00:00:00Z')): Array<{ raw: string; internalDate: Date }> {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start.getTime() + i * 60_000);
    return { raw: makeMessage({ subject: `Message ${i + 1}`, date, body: `Body of message ${i + 1}.\n` }), internalDate: date };
  });
}
