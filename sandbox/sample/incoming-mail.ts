import { randomBytes } from 'node:crypto';
import type { SandboxUser } from '../users';
import { composeSample } from './compose';
import { INCOMING_TEXTS } from './sample-texts';

let sent = 0;

/** A new message from one sandbox user to another, dated now: "mail arrives during a demo". */
export function composeIncomingMail(from: SandboxUser, to: SandboxUser, now = new Date()): Promise<Buffer> {
  const { subject, text } = INCOMING_TEXTS[sent++ % INCOMING_TEXTS.length]!;
  const signature = from.displayName.split(' ')[0] ?? from.displayName;
  return composeSample({
    key: `incoming-${now.getTime()}-${randomBytes(4).toString('hex')}`,
    from: { name: from.displayName, address: from.address },
    to: [{ name: to.displayName, address: to.address }],
    subject,
    date: now,
    text: `${text}\n\n${signature}`,
  });
}
