import { randomBytes } from 'node:crypto';
import type { SandboxUser } from '../users';
import { composeSample } from './compose';
import type { SampleLanguage } from '../../common/model/sandbox';
import { SAMPLE_WORDS } from './sample-texts';

let sent = 0;

/** A new message from one sandbox user to another, dated now, in `language`: "mail arrives during a demo". */
export function composeIncomingMail(from: SandboxUser, to: SandboxUser, language: SampleLanguage = 'en', now = new Date()): Promise<Buffer> {
  const incoming = SAMPLE_WORDS[language].incoming;
  const { subject, text } = incoming[sent++ % incoming.length]!;
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
