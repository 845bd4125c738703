/** A 16×16 PNG: a sun over the sea. */
export const HARBOUR_PNG = 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAMklEQVR42mNYdekDSYiBahp+nbAhVgNQKTKitgY01Zh66O8kckKJ2hEnF7WAJDQcNAAAitX1Wr/QT7IAAAAASUVORK5CYII=';

/** The HTML part of the newsletter; its logo is an inline part (cid:), nothing is remote. */
export const NEWSLETTER_HTML = `<!doctype html>
<html><body style="font-family: Georgia, serif; max-width: 36em">
<p><img src="cid:harbour-logo@sandbox.test" alt="" width="32" height="32"> <strong>The Harbour Weekly</strong></p>
<h1>Tides, markets and a new ferry</h1>
<p>The spring tides arrive on <b>Tuesday</b>: the low-water walk to the lighthouse opens at 7:40.</p>
<h2>This week</h2>
<ul>
<li>The fish market moves to the north quay for the summer.</li>
<li>The new ferry <i>Marta</i> starts sailing on the 16th.</li>
<li>Volunteers wanted for the beach clean-up on Saturday.</li>
</ul>
<p style="color: #666; font-size: small">You get this newsletter because you live near the harbour. It is part of the Porthole sandbox; nobody sent it.</p>
</body></html>`;

const CRLF = '\r\n';

/** Bodies of the sample messages. */
export const TEXTS = {
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
  newsletter: 'THE HARBOUR WEEKLY\n\nTides, markets and a new ferry\n\nThe spring tides arrive on Tuesday: the low-water walk to the lighthouse opens at 7:40.\n\nThis week:\n- The fish market moves to the north quay for the summer.\n- The new ferry Marta starts sailing on the 16th.\n- Volunteers wanted for the beach clean-up on Saturday.',
  german: 'Hallo,\n\nvielen Dank für Ihre schnelle Antwort. Passt Ihnen der Termin am Mittwoch um 10 Uhr?\nWir könnten uns im Büro an der Domstraße treffen; der Eingang ist neben der Bäckerei.\n\nFalls sich etwas ändert, schreiben Sie mir einfach kurz.\n\nViele Grüße\nJonas Weber',
  japanese: 'いつもお世話になっております。佐藤です。\n\n来週の打ち合わせですが、火曜日の午後二時からでいかがでしょうか。\n場所は前回と同じ会議室を予約しておきます。\n\nご都合が悪ければお知らせください。\nよろしくお願いいたします。\n\n佐藤 花子',
  arabic: 'مرحبا،\n\nيسعدني أن أدعوك إلى العشاء في بيتي يوم الجمعة القادم الساعة الثامنة مساءً.\nسيحضر أيضاً بعض الأصدقاء من العمل.\n\nأرجو أن تخبرني إن كنت تستطيع الحضور.\n\nمع أطيب التحيات،\nليلى',
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
};

/** What a correspondent writes when the demo timer sends new mail, in turn. */
export const INCOMING_TEXTS: ReadonlyArray<{ subject: string; text: string }> = [
  { subject: 'Quick question', text: 'Do you still have the number of the boat rental? I can\'t find it anywhere.' },
  { subject: 'Coffee later?', text: 'I\'m near the market around four. Coffee?' },
  { subject: 'Photos from Saturday', text: 'The photos from the beach clean-up are online. You are in three of them!' },
  { subject: 'Change of plan', text: 'The meeting moves to Thursday morning, same room.' },
  { subject: 'Did you see this?', text: 'The ferry timetable changed again. Check before you go.' },
];
