import { randomBytes } from 'node:crypto';
import type { SandboxUser } from '../users';
import { composeSample } from './compose';
import type { SampleLanguage } from '../../common/model/sandbox';
import { SAMPLE_WORDS } from './sample-texts';

let sent = 0;

/** A new message from one sandbox user to another, dated now, in `language`: "mail arrives during a demo". */
export function composeIncomingMail(from: SandboxUser, to: SandboxUser, language: SampleLanguage = 'en', now = new Date()): Promise<Buffer> {
  const words = SAMPLE_WORDS[language];
  const incoming = words.incoming;
  const { subject, text } = incoming[sent++ % incoming.length]!;
  const nameOf = (user: SandboxUser): string => (user.user === 'you' ? words.you.inNewMail : user.displayName);
  const signature = nameOf(from).split(' ')[0] ?? nameOf(from);
  return composeSample({
    key: `incoming-${now.getTime()}-${randomBytes(4).toString('hex')}`,
    from: { name: nameOf(from), address: from.address },
    to: [{ name: nameOf(to), address: to.address }],
    subject,
    date: now,
    text: `${text}\n\n${signature}`,
  });
}
