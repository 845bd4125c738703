import type { SeedFolder, SeedMessage, SpecialUse } from '../store/types';
import type { SandboxUser } from '../users';
import { composeSample, sampleMessageId, type MailAddress, type SampleMail } from './compose';
import type { SampleLanguage } from '../../common/model/sandbox';
import { FOREIGN_TEXTS, HARBOUR_PNG, newsletterParts, SAMPLE_WORDS, type SampleWords } from './sample-texts';

/** The sample week: the mailbox shows early March 2026, whatever day it is. */
const day = (date: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 2, date, hour, minute));

interface Placed {
  /** Whose mailbox and which folder. */
  owner: string;
  folder: string;
  flags?: string[];
  mail: SampleMail;
}

const FOLDERS: ReadonlyArray<{ name: string; specialUse: SpecialUse | null }> = [
  { name: 'INBOX', specialUse: null },
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Trash', specialUse: '\\Trash' },
  { name: 'Junk', specialUse: '\\Junk' },
];

/** The senders from outside the sandbox; those whose names are words are said in the sample's language. */
const outsiders = (words: SampleWords) => ({
  sandbox: { name: words.senders.sandbox, address: 'welcome@sandbox.test' },
  harbour: { name: words.senders.harbour, address: 'news@harbour.test' },
  jonas: { name: 'Jonas Weber', address: 'jonas.weber@beispiel.test' },
  hanako: { name: '佐藤 花子', address: 'hanako.sato@rei.test' },
  layla: { name: 'ليلى حداد', address: 'layla@mithal.test' },
  shop: { name: 'Kettle & Co.', address: 'orders@kettle.test' },
  prize: { name: words.senders.prize, address: 'winner@lucky-draw.test' },
}) satisfies Record<string, MailAddress>;

/** Who wrote what to whom: threads, an attachment, HTML, a forwarded message, three languages. */
function placements(words: SampleWords, you: MailAddress, ana: MailAddress, ben: MailAddress): Placed[] {
  const { subjects, texts } = words;
  const outside = outsiders(words);
  const lunch = 'sample-lunch';
  const lunchReply = 'sample-lunch-reply';
  const slides = 'sample-slides';
  const slidesReply = 'sample-slides-reply';
  const lunchMail: SampleMail = { key: lunch, from: ana, to: [you], subject: subjects.lunch, date: day(2, 9, 12), text: texts.lunch };
  const lunchReplyMail: SampleMail = { key: lunchReply, from: you, to: [ana], subject: `Re: ${subjects.lunch}`, date: day(2, 10, 3), text: texts.lunchReply, inReplyTo: sampleMessageId(lunch), references: [sampleMessageId(lunch)] };
  const slidesMail: SampleMail = {
    key: slides,
    from: ben,
    to: [you],
    cc: [ana],
    subject: subjects.slides,
    date: day(3, 14, 40),
    text: texts.slides,
    attachments: [
      { filename: words.attachmentNames.budget, contentType: 'text/csv', content: texts.budgetCsv },
      { filename: 'harbour.png', contentType: 'image/png', content: Buffer.from(HARBOUR_PNG, 'base64') },
    ],
  };
  const slidesReplyMail: SampleMail = { key: slidesReply, from: you, to: [ben], subject: `Re: ${subjects.slides}`, date: day(3, 16, 5), text: texts.slidesReply, inReplyTo: sampleMessageId(slides), references: [sampleMessageId(slides)] };
  return [
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome', from: outside.sandbox, to: [you], subject: subjects.welcome, date: day(2, 8, 0), text: texts.welcome } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen', '\\Answered'], mail: lunchMail },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-lunch-again', from: ana, to: [you], subject: `Re: ${subjects.lunch}`, date: day(2, 11, 30), text: texts.lunchAgain, inReplyTo: sampleMessageId(lunchReply), references: [sampleMessageId(lunch), sampleMessageId(lunchReply)] } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen', '\\Flagged', '\\Answered'], mail: slidesMail },
    {
      owner: 'you',
      folder: 'INBOX',
      mail: {
        key: 'sample-newsletter',
        from: outside.harbour,
        to: [you],
        subject: subjects.newsletter,
        date: day(4, 6, 30),
        ...newsletterParts(words),
        attachments: [{ filename: 'harbour.png', contentType: 'image/png', content: Buffer.from(HARBOUR_PNG, 'base64'), cid: 'harbour-logo@sandbox.test' }],
      },
    },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-german', from: outside.jonas, to: [you], subject: 'Grüße aus Köln – Termin nächste Woche', date: day(4, 9, 15), text: FOREIGN_TEXTS.german } },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-japanese', from: outside.hanako, to: [you], subject: '来週の打ち合わせについて', date: day(5, 1, 20), text: FOREIGN_TEXTS.japanese } },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-arabic', from: outside.layla, to: [you], subject: 'دعوة إلى العشاء يوم الجمعة', date: day(5, 17, 45), text: FOREIGN_TEXTS.arabic } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-slides-thanks', from: ben, to: [you], subject: `Re: ${subjects.slides}`, date: day(3, 17, 20), text: texts.slidesThanks, inReplyTo: sampleMessageId(slidesReply), references: [sampleMessageId(slides), sampleMessageId(slidesReply)] } },
    {
      owner: 'you',
      folder: 'INBOX',
      mail: {
        key: 'sample-forward',
        from: ana,
        to: [you],
        subject: subjects.forward,
        date: day(6, 8, 5),
        text: texts.forward,
        attachments: [{ filename: words.attachmentNames.tickets, contentType: 'message/rfc822', content: texts.forwardedMessage }],
      },
    },
    { owner: 'you', folder: 'Sent', flags: ['\\Seen'], mail: lunchReplyMail },
    { owner: 'you', folder: 'Sent', flags: ['\\Seen'], mail: slidesReplyMail },
    { owner: 'you', folder: 'Drafts', flags: ['\\Seen', '\\Draft'], mail: { key: 'sample-draft', from: you, to: [ben], subject: subjects.draft, date: day(6, 12, 0), text: texts.draft } },
    { owner: 'you', folder: 'Trash', flags: ['\\Seen'], mail: { key: 'sample-trash', from: outside.shop, to: [you], subject: subjects.basket, date: day(1, 18, 0), text: texts.basket } },
    { owner: 'you', folder: 'Junk', mail: { key: 'sample-junk', from: outside.prize, to: [you], subject: subjects.junk, date: day(5, 3, 33), text: texts.junk } },
    { owner: 'you', folder: words.receiptsFolder, flags: ['\\Seen'], mail: { key: 'sample-receipt', from: outside.shop, to: [you], subject: subjects.receipt, date: day(1, 11, 0), text: texts.receipt } },
    // The correspondents' side of the same conversations.
    { owner: 'ana', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome-ana', from: outside.sandbox, to: [ana], subject: subjects.welcome, date: day(2, 8, 0), text: texts.welcome } },
    { owner: 'ana', folder: 'INBOX', mail: lunchReplyMail },
    { owner: 'ana', folder: 'INBOX', mail: slidesMail },
    { owner: 'ana', folder: 'Sent', flags: ['\\Seen'], mail: lunchMail },
    { owner: 'ben', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome-ben', from: outside.sandbox, to: [ben], subject: subjects.welcome, date: day(2, 8, 0), text: texts.welcome } },
    { owner: 'ben', folder: 'INBOX', mail: slidesReplyMail },
    { owner: 'ben', folder: 'Sent', flags: ['\\Seen'], mail: slidesMail },
  ];
}

function address(users: readonly SandboxUser[], name: string, words: SampleWords): MailAddress {
  const user = users.find((candidate) => candidate.user === name);
  if (!user) throw new Error(`sandbox: no user ${name}`);
  return { name: user.user === 'you' ? words.you.inSample : user.displayName, address: user.address };
}

/** Every user's sample folders and messages, in `language`; the same bytes on every call. */
export async function sampleMailbox(users: readonly SandboxUser[], language: SampleLanguage = 'en'): Promise<Map<string, SeedFolder[]>> {
  const words = SAMPLE_WORDS[language];
  const placed = placements(words, address(users, 'you', words), address(users, 'ana', words), address(users, 'ben', words));
  const out = new Map<string, SeedFolder[]>();
  for (const user of users) {
    const names = [...FOLDERS.map((folder) => folder.name), ...placed.filter((p) => p.owner === user.user).map((p) => p.folder)];
    const folders: SeedFolder[] = [...new Set(names)].map((name) => ({ name, specialUse: FOLDERS.find((folder) => folder.name === name)?.specialUse ?? null, messages: [] }));
    for (const { owner, folder, flags, mail } of placed) {
      if (owner !== user.user) continue;
      const message: SeedMessage = { raw: await composeSample(mail), flags, internalDate: mail.date };
      folders.find((candidate) => candidate.name === folder)!.messages.push(message);
    }
    // UIDs follow the dates, as they would have if the mail had arrived that week.
    for (const folder of folders) folder.messages.sort((a, b) => (a.internalDate?.getTime() ?? 0) - (b.internalDate?.getTime() ?? 0));
    out.set(user.user, folders);
  }
  return out;
}
