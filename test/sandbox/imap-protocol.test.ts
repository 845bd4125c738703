import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RawClient } from './support/raw-client';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

/** A raw connection logged in as "you" with AUTHENTICATE PLAIN and a SASL-IR initial response. */
async function session(): Promise<RawClient> {
  const client = await RawClient.connect(sandbox.server.info.imapPort);
  expect(await client.readUntil(/\r\n/)).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 .*AUTH=PLAIN.*\] /);
  const response = Buffer.from(`\0you\0${sandbox.login('you').password}`).toString('base64');
  expect(RawClient.tagged(await client.command('A', `AUTHENTICATE PLAIN ${response}`), 'A')).toMatch(/^A OK \[CAPABILITY IMAP4rev1 .*QRESYNC.*\] Logged in$/);
  return client;
}

describe('IMAP wire formats, byte for byte', () => {
  it('answers SELECT with the RFC 3501 and RFC 7162 data', async () => {
    const client = await session();
    const inbox = sandbox.server.store.folder('you', 'INBOX')!;
    expect(await client.command('s', 'SELECT INBOX')).toBe(
      [
        '* FLAGS (\\Answered \\Deleted \\Draft \\Flagged \\Seen)',
        '* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted',
        '* 10 EXISTS',
        '* 0 RECENT',
        '* OK [UNSEEN 3] First unseen',
        `* OK [UIDVALIDITY ${inbox.uidValidity}] UIDs valid`,
        '* OK [UIDNEXT 11] Predicted next UID',
        `* OK [HIGHESTMODSEQ ${inbox.highestModseq}] Highest`,
        's OK [READ-WRITE] Select completed',
        '',
      ].join('\r\n'),
    );
    client.close();
  });

  it('builds ENVELOPE and BODYSTRUCTURE from the raw message, message/rfc822 parts included', async () => {
    const client = await session();
    await client.command('s', 'EXAMINE INBOX');
    expect(await client.command('f1', 'FETCH 2 (ENVELOPE BODYSTRUCTURE)')).toBe(
      '* 2 FETCH (ENVELOPE ("Mon, 02 Mar 2026 09:12:00 +0000" "Lunch on Friday?" (("Ana Lima" NIL "ana" "sandbox.test")) (("Ana Lima" NIL "ana" "sandbox.test")) (("Ana Lima" NIL "ana" "sandbox.test")) (("Sandbox You" NIL "you" "sandbox.test")) NIL NIL NIL "<sample-lunch@sandbox.test>") BODYSTRUCTURE ("text" "plain" ("charset" "utf-8") NIL NIL "QUOTED-PRINTABLE" 132 7 NIL NIL NIL NIL))\r\nf1 OK Fetch completed\r\n',
    );
    const forwarded = await client.command('f2', 'FETCH 10 BODY');
    expect(forwarded).toContain('("message" "rfc822" ("name" "ferry-tickets.eml") NIL NIL "7BIT" 409 ("Thu, 05 Mar 2026 19:02:00 +0000" "Your ferry tickets" (("Island Ferries" NIL "tickets" "ferries.test"))');
    expect(forwarded).toMatch(/\("text" "plain" \("charset" "utf-8"\) NIL NIL "7BIT" 127 2\) 11\) "mixed"\)\)\r\n/);
    // Encoded words stay as written in ENVELOPE (RFC 3501 §7.4.2); the client decodes them.
    expect(await client.command('f3', 'FETCH 8 (ENVELOPE)')).toContain('(("=?UTF-8?B?5L2Q6JekIOiKseWtkA==?=" NIL "hanako.sato" "rei.test"))');
    // EXAMINE is read-only: BODY[] does not set \Seen there.
    expect(await client.command('f4', 'FETCH 3 (BODY[TEXT]<0.4>)')).toBe('* 3 FETCH (BODY[TEXT]<0> {4}\r\nYes,)\r\nf4 OK Fetch completed\r\n');
    client.close();
  });

  it('cuts body sections from the stored bytes: HEADER.FIELDS(.NOT), MIME, TEXT, partials, missing parts', async () => {
    const raw = Buffer.from(
      [
        'From: "Group Test" <g@sandbox.test>',
        'To: friends: a@sandbox.test, b@sandbox.test;, c@sandbox.test',
        'Subject: sections',
        '  folded',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary=outer',
        '',
        'preamble',
        '--outer',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'first part',
        '--outer',
        'Content-Type: multipart/alternative; boundary="inner"',
        '',
        '--inner',
        'Content-Type: text/plain',
        '',
        'inner plain',
        '--inner',
        'Content-Type: text/html',
        '',
        '<p>inner html</p>',
        '--inner--',
        '--outer--',
        'epilogue',
        '',
      ].join('\r\n'),
    );
    await sandbox.server.store.deliver('you', raw, 'test');
    const client = await session();
    await client.command('s', 'SELECT INBOX');
    const fields = 'To: friends: a@sandbox.test, b@sandbox.test;, c@sandbox.test\r\nSubject: sections\r\n  folded\r\n\r\n';
    expect(await client.command('g1', 'UID FETCH 11 (BODY.PEEK[HEADER.FIELDS (subject to)])')).toBe(
      `* 11 FETCH (UID 11 BODY[HEADER.FIELDS (SUBJECT TO)] {${fields.length}}\r\n${fields})\r\ng1 OK Fetch completed\r\n`,
    );
    expect(await client.command('g2', 'UID FETCH 11 (BODY.PEEK[1] BODY.PEEK[2.2] BODY.PEEK[2.1.MIME] BODY.PEEK[3] BODY.PEEK[2]<3.9>)')).toBe(
      '* 11 FETCH (UID 11 BODY[1] {10}\r\nfirst part BODY[2.2] {17}\r\n<p>inner html</p> BODY[2.1.MIME] {28}\r\nContent-Type: text/plain\r\n\r\n BODY[3] {0}\r\n BODY[2]<3> {9}\r\nnner\r\nCon)\r\ng2 OK Fetch completed\r\n',
    );
    const envelope = await client.command('g3', 'UID FETCH 11 (ENVELOPE)');
    // RFC 3501 §7.4.2: a group is a start marker (host NIL), its members and an end marker.
    expect(envelope).toContain('((NIL NIL "friends" NIL) (NIL NIL "a" "sandbox.test") (NIL NIL "b" "sandbox.test") (NIL NIL NIL NIL) (NIL NIL "c" "sandbox.test"))');
    expect(envelope).toContain('"sections  folded"');
    const text = await client.command('g4', 'UID FETCH 11 (BODY.PEEK[TEXT])');
    expect(text).toContain(`{${raw.length - raw.indexOf('\r\n\r\n') - 4}}\r\npreamble\r\n`);
    const flags = await client.command('g5', 'UID FETCH 11 (FLAGS)');
    expect(flags).toBe('* 11 FETCH (UID 11 FLAGS ())\r\ng5 OK Fetch completed\r\n');
    // Without .PEEK the message becomes \Seen, and the answer says so (RFC 3501 §6.4.5).
    expect(await client.command('g6', 'UID FETCH 11 (BODY[1])')).toBe('* 11 FETCH (UID 11 FLAGS (\\Seen) MODSEQ (13) BODY[1] {10}\r\nfirst part)\r\ng6 OK Fetch completed\r\n'.replace(' MODSEQ (13)', ''));
    client.close();
  });

  it('lists with patterns, LIST-EXTENDED selection and RETURN options, LSUB and STATUS', async () => {
    const client = await session();
    await client.command('c', 'CREATE Projects/Garden/');
    await client.command('u', 'UNSUBSCRIBE Junk');
    await client.command('v', 'SUBSCRIBE Gone');
    expect(await client.command('l1', 'LIST "" ""')).toBe('* LIST (\\Noselect) "/" ""\r\nl1 OK List completed\r\n');
    expect(await client.command('l2', 'LIST "" "Projects/%"')).toBe('* LIST (\\HasNoChildren) "/" "Projects/Garden"\r\nl2 OK List completed\r\n');
    expect(await client.command('l3', 'LIST "" inbox')).toBe('* LIST (\\HasNoChildren) "/" "INBOX"\r\nl3 OK List completed\r\n');
    expect(await client.command('l4', 'LIST (SPECIAL-USE) "" "*"')).toBe(
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"\r\n* LIST (\\HasNoChildren \\Drafts) "/" "Drafts"\r\n* LIST (\\HasNoChildren \\Trash) "/" "Trash"\r\n* LIST (\\HasNoChildren \\Junk) "/" "Junk"\r\nl4 OK List completed\r\n',
    );
    const subscribed = await client.command('l5', 'LIST (SUBSCRIBED) "" "*"');
    expect(subscribed).not.toContain('"Junk"');
    expect(subscribed).toContain('* LIST (\\NonExistent \\Subscribed) "/" "Gone"\r\n');
    expect(await client.command('l6', 'LIST "" (Sent Drafts) RETURN (STATUS (MESSAGES UNSEEN))')).toBe(
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"\r\n* STATUS "Sent" (MESSAGES 2 UNSEEN 0)\r\n* LIST (\\HasNoChildren \\Drafts) "/" "Drafts"\r\n* STATUS "Drafts" (MESSAGES 1 UNSEEN 0)\r\nl6 OK List completed\r\n',
    );
    expect(await client.command('l7', 'LSUB "" "P*"')).toBe('l7 OK Lsub completed\r\n');
    await client.command('w', 'SUBSCRIBE Projects');
    // Only the name INBOX itself is case-insensitive: "*o*" does not match it.
    expect(await client.command('l8', 'LSUB "" "*o*"')).toBe('* LSUB (\\HasChildren) "/" "Projects"\r\n* LSUB (\\Noselect) "/" "Gone"\r\nl8 OK Lsub completed\r\n');
    const inbox = sandbox.server.store.folder('you', 'INBOX')!;
    expect(await client.command('st', 'STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)')).toBe(
      `* STATUS "INBOX" (MESSAGES 10 RECENT 0 UIDNEXT 11 UIDVALIDITY ${inbox.uidValidity} UNSEEN 6 HIGHESTMODSEQ ${inbox.highestModseq})\r\nst OK Status completed\r\n`,
    );
    client.close();
  });

  it('runs pipelined commands in order, and stores with UNCHANGEDSINCE (RFC 7162 MODIFIED)', async () => {
    const client = await session();
    client.send('p1 SELECT INBOX\r\np2 STORE 3 +FLAGS.SILENT (\\Flagged)\r\np3 FETCH 3 (FLAGS MODSEQ)\r\n');
    const answers = await client.readUntil(/^p3 .*\r\n/m);
    expect(answers.indexOf('p1 OK')).toBeLessThan(answers.indexOf('p2 OK'));
    const modseq = Number(/MODSEQ \((\d+)\)\)\r\np3 OK/.exec(answers)?.[1]);
    expect(answers).toMatch(/\* 3 FETCH \(FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)\r\np3 OK/);
    // Message 2 has not changed since, message 3 has.
    expect(await client.command('p4', `STORE 2,3 (UNCHANGEDSINCE ${modseq - 1}) +FLAGS (\\Deleted)`)).toBe(`* 2 FETCH (UID 2 FLAGS (\\Answered \\Deleted \\Seen) MODSEQ (${modseq + 1}))\r\np4 OK [MODIFIED 3] Conditional store failed for some messages\r\n`);
    expect(await client.command('p5', `UID STORE 3 (UNCHANGEDSINCE ${modseq}) -FLAGS (\\Flagged)`)).toBe(`* 3 FETCH (UID 3 FLAGS () MODSEQ (${modseq + 2}))\r\np5 OK Store completed\r\n`);
    client.close();
  });

  it('answers SEARCH and ESEARCH (RFC 4731) with CHARSET and literals', async () => {
    const client = await session();
    await client.command('s', 'SELECT INBOX');
    expect(await client.command('q1', 'SEARCH UNSEEN NOT FROM ana@')).toBe('* SEARCH 6 7 8 9\r\nq1 OK Search completed\r\n');
    expect(await client.command('q2', 'UID SEARCH RETURN (MIN MAX COUNT ALL) SINCE 4-Mar-2026')).toBe('* ESEARCH (TAG "q2") UID MIN 6 MAX 10 COUNT 5 ALL 6:10\r\nq2 OK Search completed\r\n');
    expect(await client.command('q3', 'SEARCH RETURN () LARGER 1000')).toBe('* ESEARCH (TAG "q3") ALL 4,6,10\r\nq3 OK Search completed\r\n');
    expect(await client.command('q4', 'SEARCH RETURN (COUNT) SUBJECT nothing-like-this')).toBe('* ESEARCH (TAG "q4") COUNT 0\r\nq4 OK Search completed\r\n');
    client.send(`q5 SEARCH CHARSET UTF-8 TEXT {${Buffer.byteLength('Köln')}}\r\n`);
    await client.readUntil(/^\+ .*\r\n/m);
    client.send('Köln\r\n');
    expect(await client.readUntil(/^q5 .*\r\n/m)).toBe('* SEARCH 7\r\nq5 OK Search completed\r\n');
    expect(await client.command('q6', 'SEARCH OR HEADER Message-ID "<sample-lunch@sandbox.test>" UID 9:*')).toBe('* SEARCH 2 9 10\r\nq6 OK Search completed\r\n');
    client.close();
  });

  it('reports other sessions\' changes: at the next command, or at once in IDLE; VANISHED once QRESYNC is enabled', async () => {
    const watcher = await session();
    const other = await session();
    expect(await watcher.command('e', 'ENABLE QRESYNC')).toBe('* ENABLED CONDSTORE QRESYNC\r\ne OK Enabled\r\n');
    await watcher.command('s', 'SELECT INBOX');
    await other.command('s', 'SELECT INBOX');
    await other.command('o1', 'STORE 4 +FLAGS (\\Deleted)');
    await other.command('o2', 'EXPUNGE');
    // Without IDLE the change waits for the watcher's next command.
    expect(await watcher.command('n', 'NOOP')).toMatch(/^\* 4 FETCH \(UID 4 FLAGS \(\\Answered \\Deleted \\Flagged \\Seen\) MODSEQ \(\d+\)\)\r\n\* VANISHED 4\r\nn OK NOOP completed\r\n$/);
    watcher.send('i IDLE\r\n');
    await watcher.readUntil(/^\+ idling\r\n/m);
    await sandbox.server.sendSampleMail('ben', 'you');
    expect(await watcher.readUntil(/EXISTS\r\n/)).toBe('* 10 EXISTS\r\n');
    await other.command('o3', 'UID STORE 11 +FLAGS (\\Flagged)');
    expect(await watcher.readUntil(/\)\)\r\n/)).toMatch(/^\* 10 FETCH \(UID 11 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)\r\n$/);
    watcher.send('DONE\r\n');
    expect(await watcher.readUntil(/^i .*\r\n/m)).toBe('i OK IDLE terminated\r\n');
    await other.command('o4', 'UID STORE 2 +FLAGS (\\Deleted)');
    await other.command('o5', 'UID EXPUNGE 2');
    // A FETCH by sequence number may tell of flag changes, but must hold the EXPUNGE (RFC 3501 §7.4.1).
    expect(await watcher.command('f', 'FETCH 1 (UID)')).toMatch(/^\* 2 FETCH \(UID 2 FLAGS \(\\Answered \\Deleted \\Seen\) MODSEQ \(\d+\)\)\r\n\* 1 FETCH \(UID 1\)\r\nf OK Fetch completed\r\n$/);
    expect(await watcher.command('n2', 'NOOP')).toBe('* VANISHED 2\r\nn2 OK NOOP completed\r\n');
    watcher.close();
    other.close();
  });

  it('moves with an untagged COPYUID before the EXPUNGEs (RFC 6851), and tells a deleted selection goodbye', async () => {
    const client = await session();
    await client.command('c', 'CREATE Doomed');
    await client.command('s', 'SELECT INBOX');
    const trash = sandbox.server.store.folder('you', 'Trash')!;
    expect(await client.command('m', 'UID MOVE 2:3 Trash')).toBe(`* OK [COPYUID ${trash.uidValidity} 2:3 2:3] Moved\r\n* 3 EXPUNGE\r\n* 2 EXPUNGE\r\nm OK Move completed\r\n`);
    await client.command('s2', 'SELECT Doomed');
    const other = await session();
    await other.command('d', 'DELETE Doomed');
    expect(await client.readUntil(/\r\n/)).toBe('* BYE The selected mailbox was deleted by another session\r\n');
    await client.closed;
    other.close();
  });
});
