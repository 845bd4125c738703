import { bench, describe } from 'vitest';
import { threadMessages, type ThreadingInput } from '../../../../common/threading/jwz';

/** 100,000 messages as a mailbox holds them: threads of one to six, some replies' originals missing, newest last. */
function mailbox(count: number): ThreadingInput[] {
  const messages: ThreadingInput[] = [];
  let thread = 0;
  while (messages.length < count) {
    const size = 1 + (thread % 6);
    const ids: string[] = [];
    for (let i = 0; i < size && messages.length < count; i++) {
      const id = `<t${thread}.${i}@bench.test>`;
      // Every seventh thread lost its first message (a dummy parent).
      const references = i === 0 ? [] : thread % 7 === 0 ? [`<t${thread}.lost@bench.test>`, ...ids] : [...ids];
      messages.push({ id: `server:INBOX#${messages.length + 1}`, messageId: id, inReplyTo: references.at(-1) ?? '', references, subject: i ? `Re: Subject ${thread}` : `Subject ${thread}`, date: messages.length * 1000 });
      ids.push(id);
    }
    thread++;
  }
  return messages;
}

const messages = mailbox(100_000);

describe('threadMessages', () => {
  bench('100,000 messages', () => {
    threadMessages(messages);
  }, { iterations: 10 });
});
