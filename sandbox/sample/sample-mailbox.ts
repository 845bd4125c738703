import type { SeedFolder, SeedMessage, SpecialUse } from '../store/types';
import type { SandboxUser } from '../users';
import { composeSample, sampleMessageId, type MailAddress, type SampleMail } from './compose';
import { HARBOUR_PNG, NEWSLETTER_HTML, TEXTS } from './sample-texts';

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

const OUTSIDERS = {
  sandbox: { name: 'Porthole Sandbox', address: 'welcome@sandbox.test' },
  harbour: { name: 'The Harbour Weekly', address: 'news@harbour.test' },
  jonas: { name: 'Jonas Weber', address: 'jonas.weber@beispiel.test' },
  hanako: { name: '佐藤 花子', address: 'hanako.sato@rei.test' },
  layla: { name: 'ليلى حداد', address: 'layla@mithal.test' },
  shop: { name: 'Kettle & Co.', address: 'orders@kettle.test' },
  prize: { name: 'Prize Department', address: 'winner@lucky-draw.test' },
} satisfies Record<string, MailAddress>;

/** Who wrote what to whom: threads, an attachment, HTML, a forwarded message, three languages. */
function placements(you: MailAddress, ana: MailAddress, ben: MailAddress): Placed[] {
  const lunch = 'sample-lunch';
  const lunchReply = 'sample-lunch-reply';
  const slides = 'sample-slides';
  const slidesReply = 'sample-slides-reply';
  const lunchMail: SampleMail = { key: lunch, from: ana, to: [you], subject: 'Lunch on Friday?', date: day(2, 9, 12), text: TEXTS.lunch };
  const lunchReplyMail: SampleMail = { key: lunchReply, from: you, to: [ana], subject: 'Re: Lunch on Friday?', date: day(2, 10, 3), text: TEXTS.lunchReply, inReplyTo: sampleMessageId(lunch), references: [sampleMessageId(lunch)] };
  const slidesMail: SampleMail = {
    key: slides,
    from: ben,
    to: [you],
    cc: [ana],
    subject: 'Slides for Thursday',
    date: day(3, 14, 40),
    text: TEXTS.slides,
    attachments: [
      { filename: 'budget-2026.csv', contentType: 'text/csv', content: TEXTS.budgetCsv },
      { filename: 'harbour.png', contentType: 'image/png', content: Buffer.from(HARBOUR_PNG, 'base64') },
    ],
  };
  const slidesReplyMail: SampleMail = { key: slidesReply, from: you, to: [ben], subject: 'Re: Slides for Thursday', date: day(3, 16, 5), text: TEXTS.slidesReply, inReplyTo: sampleMessageId(slides), references: [sampleMessageId(slides)] };
  return [
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome', from: OUTSIDERS.sandbox, to: [you], subject: 'Welcome to the Porthole sandbox', date: day(2, 8, 0), text: TEXTS.welcome } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen', '\\Answered'], mail: lunchMail },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-lunch-again', from: ana, to: [you], subject: 'Re: Lunch on Friday?', date: day(2, 11, 30), text: TEXTS.lunchAgain, inReplyTo: sampleMessageId(lunchReply), references: [sampleMessageId(lunch), sampleMessageId(lunchReply)] } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen', '\\Flagged', '\\Answered'], mail: slidesMail },
    {
      owner: 'you',
      folder: 'INBOX',
      mail: {
        key: 'sample-newsletter',
        from: OUTSIDERS.harbour,
        to: [you],
        subject: 'The Harbour Weekly — tides, markets and a new ferry',
        date: day(4, 6, 30),
        text: TEXTS.newsletter,
        html: NEWSLETTER_HTML,
        attachments: [{ filename: 'harbour.png', contentType: 'image/png', content: Buffer.from(HARBOUR_PNG, 'base64'), cid: 'harbour-logo@sandbox.test' }],
      },
    },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-german', from: OUTSIDERS.jonas, to: [you], subject: 'Grüße aus Köln – Termin nächste Woche', date: day(4, 9, 15), text: TEXTS.german } },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-japanese', from: OUTSIDERS.hanako, to: [you], subject: '来週の打ち合わせについて', date: day(5, 1, 20), text: TEXTS.japanese } },
    { owner: 'you', folder: 'INBOX', mail: { key: 'sample-arabic', from: OUTSIDERS.layla, to: [you], subject: 'دعوة إلى العشاء يوم الجمعة', date: day(5, 17, 45), text: TEXTS.arabic } },
    { owner: 'you', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-slides-thanks', from: ben, to: [you], subject: 'Re: Slides for Thursday', date: day(3, 17, 20), text: TEXTS.slidesThanks, inReplyTo: sampleMessageId(slidesReply), references: [sampleMessageId(slides), sampleMessageId(slidesReply)] } },
    {
      owner: 'you',
      folder: 'INBOX',
      mail: {
        key: 'sample-forward',
        from: ana,
        to: [you],
        subject: 'Fwd: Your ferry tickets',
        date: day(6, 8, 5),
        text: TEXTS.forward,
        attachments: [{ filename: 'ferry-tickets.eml', contentType: 'message/rfc822', content: TEXTS.forwardedMessage }],
      },
    },
    { owner: 'you', folder: 'Sent', flags: ['\\Seen'], mail: lunchReplyMail },
    { owner: 'you', folder: 'Sent', flags: ['\\Seen'], mail: slidesReplyMail },
    { owner: 'you', folder: 'Drafts', flags: ['\\Seen', '\\Draft'], mail: { key: 'sample-draft', from: you, to: [ben], subject: 'Notes for the quarterly review', date: day(6, 12, 0), text: TEXTS.draft } },
    { owner: 'you', folder: 'Trash', flags: ['\\Seen'], mail: { key: 'sample-trash', from: OUTSIDERS.shop, to: [you], subject: 'Your basket is waiting', date: day(1, 18, 0), text: TEXTS.basket } },
    { owner: 'you', folder: 'Junk', mail: { key: 'sample-junk', from: OUTSIDERS.prize, to: [you], subject: 'You have WON a prize!!! Claim now', date: day(5, 3, 33), text: TEXTS.junk } },
    { owner: 'you', folder: 'Receipts', flags: ['\\Seen'], mail: { key: 'sample-receipt', from: OUTSIDERS.shop, to: [you], subject: 'Your order #4411 has shipped', date: day(1, 11, 0), text: TEXTS.receipt } },
    // The correspondents' side of the same conversations.
    { owner: 'ana', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome-ana', from: OUTSIDERS.sandbox, to: [ana], subject: 'Welcome to the Porthole sandbox', date: day(2, 8, 0), text: TEXTS.welcome } },
    { owner: 'ana', folder: 'INBOX', mail: lunchReplyMail },
    { owner: 'ana', folder: 'INBOX', mail: slidesMail },
    { owner: 'ana', folder: 'Sent', flags: ['\\Seen'], mail: lunchMail },
    { owner: 'ben', folder: 'INBOX', flags: ['\\Seen'], mail: { key: 'sample-welcome-ben', from: OUTSIDERS.sandbox, to: [ben], subject: 'Welcome to the Porthole sandbox', date: day(2, 8, 0), text: TEXTS.welcome } },
    { owner: 'ben', folder: 'INBOX', mail: slidesReplyMail },
    { owner: 'ben', folder: 'Sent', flags: ['\\Seen'], mail: slidesMail },
  ];
}

function address(users: readonly SandboxUser[], name: string): MailAddress {
  const user = users.find((candidate) => candidate.user === name);
  if (!user) throw new Error(`sandbox: no user ${name}`);
  return { name: user.displayName === 'You' ? 'Sandbox You' : user.displayName, address: user.address };
}

/** Every user's sample folders and messages; the same bytes on every call. */
export async function sampleMailbox(users: readonly SandboxUser[]): Promise<Map<string, SeedFolder[]>> {
  const placed = placements(address(users, 'you'), address(users, 'ana'), address(users, 'ben'));
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
