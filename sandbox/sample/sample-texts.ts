import type { SampleLanguage } from '../../common/model/sandbox';

/** A 16×16 PNG: a sun over the sea. */
export const HARBOUR_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAMklEQVR42mNYdekDSYiBahp+nbAhVgNQKTKitgY01Zh66O8kckKJ2hEnF7WAJDQcNAAAitX1Wr/QT7IAAAAASUVORK5CYII=';

const CRLF = '\r\n';

/** What the sample mailbox says in one language: the people's and senders' words, subjects, bodies. */
export interface SampleWords {
  /** "You" as the sample mail names them, and the sandbox account's name in the app. */
  you: { inSample: string; inNewMail: string; account: string };
  senders: { sandbox: string; harbour: string; prize: string };
  subjects: { welcome: string; lunch: string; slides: string; newsletter: string; forward: string; draft: string; basket: string; junk: string; receipt: string };
  /** The folder "you" files receipts in (the standard folders keep their English names, as a server's do). */
  receiptsFolder: string;
  attachmentNames: { budget: string; tickets: string };
  texts: {
    welcome: string;
    lunch: string;
    lunchReply: string;
    lunchAgain: string;
    slides: string;
    slidesReply: string;
    slidesThanks: string;
    budgetCsv: string;
    forward: string;
    forwardedMessage: string;
    draft: string;
    basket: string;
    junk: string;
    receipt: string;
  };
  newsletter: Newsletter;
  /** What a correspondent writes when the demo timer sends new mail, in turn. */
  incoming: ReadonlyArray<{ subject: string; text: string }>;
}

/**
 * The newsletter's words, for both its parts (newsletterParts): its name is the sender's, the
 * lead and the items may hold inline HTML (<b>, <i>), which the text part leaves out.
 */
export interface Newsletter {
  /** The `lang` of its HTML, or none (English, as it always was). */
  lang: string | null;
  headline: string;
  lead: string;
  weekHeading: string;
  items: readonly string[];
  /** Under the HTML only. */
  footnote: string;
}

/** Mail in other languages and scripts, the same in every sample: a German, a Japanese and an Arabic message. */
export const FOREIGN_TEXTS = {
  german: 'Hallo,\n\nvielen Dank für Ihre schnelle Antwort. Passt Ihnen der Termin am Mittwoch um 10 Uhr?\nWir könnten uns im Büro an der Domstraße treffen; der Eingang ist neben der Bäckerei.\n\nFalls sich etwas ändert, schreiben Sie mir einfach kurz.\n\nViele Grüße\nJonas Weber',
  japanese: 'いつもお世話になっております。佐藤です。\n\n来週の打ち合わせですが、火曜日の午後二時からでいかがでしょうか。\n場所は前回と同じ会議室を予約しておきます。\n\nご都合が悪ければお知らせください。\nよろしくお願いいたします。\n\n佐藤 花子',
  arabic: 'مرحبا،\n\nيسعدني أن أدعوك إلى العشاء في بيتي يوم الجمعة القادم الساعة الثامنة مساءً.\nسيحضر أيضاً بعض الأصدقاء من العمل.\n\nأرجو أن تخبرني إن كنت تستطيع الحضور.\n\nمع أطيب التحيات،\nليلى',
};

const ENGLISH: SampleWords = {
  you: { inSample: 'Sandbox You', inNewMail: 'You', account: 'You (sandbox)' },
  senders: { sandbox: 'Porthole Sandbox', harbour: 'The Harbour Weekly', prize: 'Prize Department' },
  subjects: {
    welcome: 'Welcome to the Porthole sandbox',
    lunch: 'Lunch on Friday?',
    slides: 'Slides for Thursday',
    newsletter: 'The Harbour Weekly — tides, markets and a new ferry',
    forward: 'Fwd: Your ferry tickets',
    draft: 'Notes for the quarterly review',
    basket: 'Your basket is waiting',
    junk: 'You have WON a prize!!! Claim now',
    receipt: 'Your order #4411 has shipped',
  },
  receiptsFolder: 'Receipts',
  attachmentNames: { budget: 'budget-2026.csv', tickets: 'ferry-tickets.eml' },
  texts: {
    welcome: [
      'Hello,',
      '',
      'this mailbox lives in a small mail server inside Porthole, on your own computer.',
      'It speaks real IMAP, POP3 and SMTP, so you can try everything without risking a real account:',
      '',
      '- read, flag and move messages, and watch what the server sees;',
      '- download with POP and delete from the server, then look again over IMAP;',
      '- send mail to ana@sandbox.test or ben@sandbox.test and read their answers.',
      '',
      'Nothing here leaves your machine. "Reset the sandbox" brings this mailbox back.',
      '',
      'Have fun!',
    ].join('\n'),
    lunch: 'Hi!\n\nAre you free for lunch on Friday? The new place by the harbour opened last week.\nI could book a table for 12:30.\n\nAna',
    lunchReply: 'Friday works, 12:30 is perfect. Shall I ask Ben too?\n\n> Are you free for lunch on Friday? The new place by the harbour opened last week.',
    lunchAgain: 'Yes, ask Ben! I booked for three. See you there.\n\nAna\n\n> Friday works, 12:30 is perfect. Shall I ask Ben too?',
    slides: 'Hi both,\n\nhere is the outline for Thursday and the budget table. The picture is for the title slide.\nComments welcome before Wednesday noon.\n\nBen',
    slidesReply: 'Thanks Ben, looks good. One question: does the budget include the ferry tickets?\n\n> here is the outline for Thursday and the budget table.',
    slidesThanks: 'Good catch: no, the tickets are extra. I added a line.\n\nBen\n\n> does the budget include the ferry tickets?',
    budgetCsv: 'item,quarter,amount\nvenue,Q2,1200\ncatering,Q2,640\nferry tickets,Q2,180\n',
    forward: 'Our tickets for the trip, in case my phone dies on the way.\n\nAna',
    forwardedMessage: [
      'From: Island Ferries <tickets@ferries.test>',
      'To: Ana Lima <ana@sandbox.test>',
      'Subject: Your ferry tickets',
      'Date: Thu, 05 Mar 2026 19:02:00 +0000',
      'Message-ID: <tickets-8812@ferries.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 7bit',
      '',
      'Booking 8812: 3 adults, Saturday 14 March, departure 09:15, return 18:40.',
      'Please be at the pier 20 minutes before departure.',
      '',
    ].join(CRLF),
    draft: 'Ben,\n\nthings to bring up at the review:\n1. the venue contract\n2. ',
    basket: 'You left a teapot in your basket. It misses you.',
    junk: 'CONGRATULATIONS!!! You have been selected to receive a prize. Send us your bank details to claim it.\n\n(This is the sandbox\'s sample junk mail. Never answer mail like this.)',
    receipt: 'Thank you for your order #4411.\n\n1 x Enamel kettle, blue   34.00\nShipping                   4.50\nTotal                     38.50\n\nYour parcel is on its way.',
  },
  newsletter: {
    lang: null,
    headline: 'Tides, markets and a new ferry',
    lead: 'The spring tides arrive on <b>Tuesday</b>: the low-water walk to the lighthouse opens at 7:40.',
    weekHeading: 'This week',
    items: ['The fish market moves to the north quay for the summer.', 'The new ferry <i>Marta</i> starts sailing on the 16th.', 'Volunteers wanted for the beach clean-up on Saturday.'],
    footnote: 'You get this newsletter because you live near the harbour. It is part of the Porthole sandbox; nobody sent it.',
  },
  incoming: [
    { subject: 'Quick question', text: 'Do you still have the number of the boat rental? I can\'t find it anywhere.' },
    { subject: 'Coffee later?', text: 'I\'m near the market around four. Coffee?' },
    { subject: 'Photos from Saturday', text: 'The photos from the beach clean-up are online. You are in three of them!' },
    { subject: 'Change of plan', text: 'The meeting moves to Thursday morning, same room.' },
    { subject: 'Did you see this?', text: 'The ferry timetable changed again. Check before you go.' },
  ],
};

const GERMAN: SampleWords = {
  you: { inSample: 'Sie', inNewMail: 'Sie', account: 'Sie (Sandbox)' },
  senders: { sandbox: 'Porthole-Sandbox', harbour: 'Der Hafenbote', prize: 'Gewinnabteilung' },
  subjects: {
    welcome: 'Willkommen in der Porthole-Sandbox',
    lunch: 'Mittagessen am Freitag?',
    slides: 'Folien für Donnerstag',
    newsletter: 'Der Hafenbote – Gezeiten, Märkte und eine neue Fähre',
    forward: 'Fwd: Ihre Fährtickets',
    draft: 'Notizen für die Quartalsbesprechung',
    basket: 'Ihr Warenkorb wartet',
    junk: 'Sie haben GEWONNEN!!! Jetzt abholen',
    receipt: 'Ihre Bestellung Nr. 4411 ist unterwegs',
  },
  receiptsFolder: 'Belege',
  attachmentNames: { budget: 'budget-2026.csv', tickets: 'faehrtickets.eml' },
  texts: {
    welcome: [
      'Hallo,',
      '',
      'dieses Postfach liegt auf einem kleinen Mailserver in Porthole, auf Ihrem eigenen Computer.',
      'Er spricht echtes IMAP, POP3 und SMTP, Sie können also alles ausprobieren, ohne ein echtes Konto aufs Spiel zu setzen:',
      '',
      '- Nachrichten lesen, markieren und verschieben und dabei sehen, was der Server sieht;',
      '- mit POP herunterladen und vom Server löschen, dann über IMAP noch einmal nachsehen;',
      '- an ana@sandbox.test oder ben@sandbox.test schreiben und ihre Antworten lesen.',
      '',
      'Nichts davon verlässt Ihren Computer. „Sandbox zurücksetzen“ bringt dieses Postfach zurück.',
      '',
      'Viel Spaß!',
    ].join('\n'),
    lunch: 'Hallo!\n\nHast du am Freitag Zeit zum Mittagessen? Das neue Lokal am Hafen hat letzte Woche eröffnet.\nIch könnte einen Tisch für 12:30 reservieren.\n\nAna',
    lunchReply: 'Freitag passt, 12:30 ist perfekt. Soll ich Ben auch fragen?\n\n> Hast du am Freitag Zeit zum Mittagessen? Das neue Lokal am Hafen hat letzte Woche eröffnet.',
    lunchAgain: 'Ja, frag Ben! Ich habe für drei reserviert. Bis dann.\n\nAna\n\n> Freitag passt, 12:30 ist perfekt. Soll ich Ben auch fragen?',
    slides: 'Hallo ihr beiden,\n\nhier sind die Gliederung für Donnerstag und die Budgettabelle. Das Bild ist für die Titelfolie.\nAnmerkungen bitte bis Mittwochmittag.\n\nBen',
    slidesReply: 'Danke, Ben, sieht gut aus. Eine Frage: Sind die Fährtickets im Budget enthalten?\n\n> hier sind die Gliederung für Donnerstag und die Budgettabelle.',
    slidesThanks: 'Gut aufgepasst: Nein, die Tickets kommen dazu. Ich habe eine Zeile ergänzt.\n\nBen\n\n> Sind die Fährtickets im Budget enthalten?',
    budgetCsv: 'Posten,Quartal,Betrag\nSaal,Q2,1200\nCatering,Q2,640\nFährtickets,Q2,180\n',
    forward: 'Unsere Tickets für den Ausflug, falls mein Handy unterwegs den Geist aufgibt.\n\nAna',
    // A message inside a message (message/rfc822) may be only 7bit or 8bit (RFC 2046 §5.2.1): its
    // German words are encoded as a mail program would, in the header (RFC 2047) and the body.
    forwardedMessage: [
      'From: =?utf-8?Q?Inself=C3=A4hren?= <tickets@ferries.test>',
      'To: Ana Lima <ana@sandbox.test>',
      'Subject: =?utf-8?Q?Ihre_F=C3=A4hrtickets?=',
      'Date: Thu, 05 Mar 2026 19:02:00 +0000',
      'Message-ID: <tickets-8812@ferries.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      // A line of at most 76 characters (RFC 2045 §6.7): a soft break (=) after the departure.
      'Buchung 8812: 3 Erwachsene, Samstag, 14. M=C3=A4rz, Abfahrt 09:15, =',
      'R=C3=BCckfahrt 18:40.',
      'Bitte seien Sie 20 Minuten vor der Abfahrt am Anleger.',
      '',
    ].join(CRLF),
    draft: 'Ben,\n\nPunkte für die Besprechung:\n1. der Vertrag für den Saal\n2. ',
    basket: 'In Ihrem Warenkorb liegt noch eine Teekanne. Sie vermisst Sie.',
    junk: 'HERZLICHEN GLÜCKWUNSCH!!! Sie wurden für einen Gewinn ausgewählt. Senden Sie uns Ihre Bankdaten, um ihn abzuholen.\n\n(Das ist die Beispiel-Spam-Nachricht der Sandbox. Antworten Sie nie auf solche Nachrichten.)',
    receipt: 'Vielen Dank für Ihre Bestellung Nr. 4411.\n\n1 x Emaille-Wasserkessel, blau  34,00\nVersand                          4,50\nSumme                           38,50\n\nIhr Paket ist unterwegs.',
  },
  newsletter: {
    lang: 'de',
    headline: 'Gezeiten, Märkte und eine neue Fähre',
    lead: 'Die Springflut kommt am <b>Dienstag</b>: Der Wattweg zum Leuchtturm öffnet um 7:40 Uhr.',
    weekHeading: 'Diese Woche',
    items: ['Der Fischmarkt zieht für den Sommer an den Nordkai.', 'Die neue Fähre <i>Marta</i> fährt ab dem 16. März.', 'Freiwillige für die Strandreinigung am Samstag gesucht.'],
    footnote: 'Sie erhalten diesen Newsletter, weil Sie am Hafen wohnen. Er gehört zur Porthole-Sandbox; niemand hat ihn verschickt.',
  },
  incoming: [
    { subject: 'Kurze Frage', text: 'Hast du noch die Nummer vom Bootsverleih? Ich finde sie nirgends.' },
    { subject: 'Kaffee nachher?', text: 'Ich bin gegen vier in der Nähe vom Markt. Kaffee?' },
    { subject: 'Fotos von Samstag', text: 'Die Fotos von der Strandreinigung sind online. Du bist auf dreien zu sehen!' },
    { subject: 'Planänderung', text: 'Das Treffen ist jetzt am Donnerstagvormittag, gleicher Raum.' },
    { subject: 'Hast du das gesehen?', text: 'Der Fährfahrplan hat sich schon wieder geändert. Schau nach, bevor du losgehst.' },
  ],
};

/** The newsletter's text and HTML parts, from its words; its logo is an inline part (cid:), nothing is remote. */
export function newsletterParts(words: SampleWords): { text: string; html: string } {
  const { newsletter: n } = words;
  const name = words.senders.harbour;
  const plain = (html: string): string => html.replace(/<[^>]+>/g, '');
  const text = [name.toUpperCase(), n.headline, plain(n.lead), [`${n.weekHeading}:`, ...n.items.map((item) => `- ${plain(item)}`)].join('\n')].join('\n\n');
  const html = [
    '<!doctype html>',
    `<html${n.lang ? ` lang="${n.lang}"` : ''}><body style="font-family: Georgia, serif; max-width: 36em">`,
    `<p><img src="cid:harbour-logo@sandbox.test" alt="" width="32" height="32"> <strong>${name}</strong></p>`,
    `<h1>${n.headline}</h1>`,
    `<p>${n.lead}</p>`,
    `<h2>${n.weekHeading}</h2>`,
    '<ul>',
    ...n.items.map((item) => `<li>${item}</li>`),
    '</ul>',
    `<p style="color: #666; font-size: small">${n.footnote}</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}

/** The sandbox account's name in the app, in the language of its sample mail. */
export function sandboxAccountName(language: SampleLanguage): string {
  return SAMPLE_WORDS[language].you.account;
}

/** The sample mailbox's words in each language it is written in. */
export const SAMPLE_WORDS: Readonly<Record<SampleLanguage, SampleWords>> = { en: ENGLISH, de: GERMAN };
