import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RawClient } from './support/raw-client';
import { status } from './support/imap-helpers';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
const LIMITS = { maxLineBytes: 2048, maxLiteralBytes: 4096 };
beforeEach(async () => {
  sandbox = await startSandbox({ limits: LIMITS });
});
afterEach(async () => {
  await sandbox.dispose();
});

/** Every stored message of every user, as "user/folder/uid". */
function storedMessages(): string[] {
  const { store } = sandbox.server;
  return ['you', 'ana', 'ben'].flatMap((user) => store.folders(user).flatMap((folder) => folder.messages.map((m) => `${user}/${folder.name}/${m.uid}`)));
}

async function imapClient(login = true): Promise<RawClient> {
  const client = await RawClient.connect(sandbox.server.info.imapPort);
  await client.readUntil(/^\* OK .*\r\n/);
  if (login) {
    const { password } = sandbox.login('you');
    expect(RawClient.tagged(await client.command('L', `LOGIN you "${password}"`), 'L')).toMatch(/^L OK/);
  }
  return client;
}

async function popClient(): Promise<RawClient> {
  const client = await RawClient.connect(sandbox.server.info.pop3Port);
  await client.readUntil(/^\+OK.*\r\n/);
  return client;
}

/** A normal client still gets served: imapflow logs in and lists the INBOX. */
async function stillServes(): Promise<void> {
  const client = await sandbox.imap('ana');
  const counts = await status(client, 'INBOX', { messages: true });
  expect(counts.messages).toBe(3);
  await client.logout();
}

describe('the IMAP server answers bad input with the right error and keeps serving', () => {
  it('answers unknown commands and syntax errors with BAD, then goes on', async () => {
    const before = storedMessages();
    const client = await imapClient();
    expect(RawClient.tagged(await client.command('a1', 'FROBNICATE now'), 'a1')).toMatch(/^a1 BAD Unknown command FROBNICATE/);
    client.send('\r\n');
    expect(await client.readUntil(/^\* BAD .*\r\n/m)).toMatch(/\* BAD/);
    expect(RawClient.tagged(await client.command('a2', 'SELECT "unterminated'), 'a2')).toMatch(/^a2 BAD/);
    expect(RawClient.tagged(await client.command('a3', 'SELECT INBOX'), 'a3')).toMatch(/^a3 OK \[READ-WRITE\]/);
    expect(RawClient.tagged(await client.command('a4', 'FETCH 1 (BODY[FOO])'), 'a4')).toMatch(/^a4 BAD/);
    expect(RawClient.tagged(await client.command('a5', 'FETCH 999 FLAGS'), 'a5')).toMatch(/^a5 BAD/);
    expect(RawClient.tagged(await client.command('a6', 'STORE 1 +FLOGS (\\Seen)'), 'a6')).toMatch(/^a6 BAD/);
    expect(RawClient.tagged(await client.command('a7', 'UID FETCH 1:* (FLAGS) (CHANGEDSINCE x)'), 'a7')).toMatch(/^a7 BAD/);
    expect(RawClient.tagged(await client.command('a8', 'SEARCH CHARSET KOI8-R SUBJECT x'), 'a8')).toMatch(/^a8 NO \[BADCHARSET/);
    expect(RawClient.tagged(await client.command('a9', 'SEARCH FOO'), 'a9')).toMatch(/^a9 BAD/);
    expect(RawClient.tagged(await client.command('a10', 'UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)'), 'a10')).toMatch(/^a10 BAD/);
    const fetched = await client.command('a11', 'FETCH 1 (UID FLAGS)');
    expect(fetched).toMatch(/^\* 1 FETCH \(UID 1 FLAGS \(\\Seen\)\)\r\na11 OK/m);
    client.close();
    await stillServes();
    expect(storedMessages()).toEqual(before);
  });

  it('answers commands in the wrong state with BAD or NO', async () => {
    const anonymous = await imapClient(false);
    expect(RawClient.tagged(await anonymous.command('b1', 'SELECT INBOX'), 'b1')).toMatch(/^b1 BAD .*not-authenticated/);
    expect(RawClient.tagged(await anonymous.command('b2', 'FETCH 1 FLAGS'), 'b2')).toMatch(/^b2 BAD/);
    expect(RawClient.tagged(await anonymous.command('b3', 'LOGIN you wrong'), 'b3')).toMatch(/^b3 NO \[AUTHENTICATIONFAILED\]/);
    anonymous.send('b4 AUTHENTICATE PLAIN\r\n');
    await anonymous.readUntil(/^\+ ?\r\n/m);
    anonymous.send('*\r\n');
    expect(await anonymous.readUntil(/^b4 .*\r\n/m)).toMatch(/b4 BAD .*cancelled/);
    anonymous.close();

    const client = await imapClient();
    expect(RawClient.tagged(await client.command('c1', 'LOGIN you again'), 'c1')).toMatch(/^c1 BAD/);
    expect(RawClient.tagged(await client.command('c2', 'FETCH 1 FLAGS'), 'c2')).toMatch(/^c2 BAD .*authenticated/);
    expect(RawClient.tagged(await client.command('c3', 'CLOSE'), 'c3')).toMatch(/^c3 BAD/);
    expect(RawClient.tagged(await client.command('c4', 'EXAMINE INBOX'), 'c4')).toMatch(/^c4 OK \[READ-ONLY\]/);
    expect(RawClient.tagged(await client.command('c5', 'STORE 1 +FLAGS (\\Deleted)'), 'c5')).toMatch(/^c5 NO \[READ-ONLY\]/);
    expect(RawClient.tagged(await client.command('c6', 'EXPUNGE'), 'c6')).toMatch(/^c6 NO \[READ-ONLY\]/);
    expect(RawClient.tagged(await client.command('c7', 'ENABLE QRESYNC'), 'c7')).toMatch(/^c7 BAD/);
    expect(RawClient.tagged(await client.command('c8', 'SELECT INBOX (QRESYNC (1 1))'), 'c8')).toMatch(/^c8 BAD/);
    expect(RawClient.tagged(await client.command('c9', 'DELETE INBOX'), 'c9')).toMatch(/^c9 NO \[CANNOT\]/);
    expect(RawClient.tagged(await client.command('c10', 'CREATE Sent'), 'c10')).toMatch(/^c10 NO \[ALREADYEXISTS\]/);
    expect(RawClient.tagged(await client.command('c11', 'COPY 1 Nowhere'), 'c11')).toMatch(/^c11 NO \[TRYCREATE\]/);
    const logout = await client.command('c12', 'LOGOUT');
    expect(logout).toMatch(/^\* BYE .*\r\nc12 OK/m);
    await client.closed;
    await stillServes();
  });

  it('refuses literals larger than allowed (synchronizing: NO, LITERAL+: BAD after skipping it), stores nothing, and goes on', async () => {
    const before = storedMessages();
    const client = await imapClient();
    client.send(`d1 APPEND INBOX {${LIMITS.maxLiteralBytes + 1}}\r\n`);
    expect(await client.readUntil(/^d1 .*\r\n/m)).toMatch(/^d1 NO \[TOOBIG\]/m);
    const big = Buffer.alloc(LIMITS.maxLiteralBytes * 3, 'x');
    client.send(Buffer.concat([Buffer.from(`d2 APPEND INBOX (\\Seen) {${big.length}+}\r\n`), big, Buffer.from(' {5+}\r\nhello\r\n')]));
    expect(await client.readUntil(/^d2 .*\r\n/m)).toMatch(/^d2 BAD \[TOOBIG\]/m);
    expect(RawClient.tagged(await client.command('d3', 'NOOP'), 'd3')).toMatch(/^d3 OK/);
    // A literal within the limit is fine, synchronizing or not.
    client.send('d4 APPEND Drafts {27}\r\n');
    await client.readUntil(/^\+ .*\r\n/m);
    client.send('Subject: fits\r\n\r\nsmall body\r\n');
    expect(await client.readUntil(/^d4 .*\r\n/m)).toMatch(/^d4 OK \[APPENDUID \d+ 2\]/m);
    client.send('d5 APPEND Drafts {27+}\r\nSubject: fits\r\n\r\nsmall body\r\n');
    expect(await client.readUntil(/^d5 .*\r\n/m)).toMatch(/^d5 OK \[APPENDUID \d+ 3\]/m);
    client.close();
    await stillServes();
    expect(storedMessages()).toEqual(expect.arrayContaining([...before, 'you/Drafts/2', 'you/Drafts/3']));
    expect(storedMessages()).toHaveLength(before.length + 2);
  });

  it('closes the connection after refusing a LITERAL+ too large even to skip', async () => {
    const client = await imapClient();
    client.send('h1 APPEND INBOX {999999999999+}\r\nSubject: no\r\n');
    expect(await client.readUntil(/^\* BYE .*\r\n/m)).toMatch(/^h1 BAD \[TOOBIG\].*\r\n\* BYE /m);
    await client.closed;
    await stillServes();
  });

  it('refuses over-long command lines with BAD and goes on', async () => {
    const client = await imapClient();
    client.send(`e1 SEARCH SUBJECT "${'x'.repeat(LIMITS.maxLineBytes * 2)}"\r\n`);
    expect(await client.readUntil(/^e1 .*\r\n/m)).toMatch(/^e1 BAD \[TOOBIG\]/m);
    expect(RawClient.tagged(await client.command('e2', 'NOOP'), 'e2')).toMatch(/^e2 OK/);
    client.close();
  });

  it('leaves the store untouched when a client disconnects in the middle of a literal', async () => {
    const before = storedMessages();
    const client = await imapClient();
    client.send('f1 APPEND INBOX {400}\r\n');
    await client.readUntil(/^\+ .*\r\n/m);
    client.send(`Subject: cut off\r\n\r\n${'y'.repeat(100)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.close();
    const cut = await imapClient();
    cut.send(`f2 APPEND INBOX {400+}\r\nSubject: cut off too\r\n\r\n${'z'.repeat(50)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cut.close();
    await stillServes();
    expect(storedMessages()).toEqual(before);
  });

  it('survives 1,000 connections opened and dropped, and serves the next client', async () => {
    const before = storedMessages();
    const { imapPort, pop3Port, smtpPort } = sandbox.server.info;
    const ports = [imapPort, pop3Port, smtpPort];
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          new Promise<void>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port: ports[index % 3]! });
            // Read whatever the server says, so its closing of the connection is seen here.
            socket.resume();
            socket.on('error', () => resolve());
            socket.once('close', () => resolve());
            socket.once('connect', () => {
              // Some drop at once, some mid-command, some after the greeting.
              if (index % 4 === 0) socket.destroy();
              else if (index % 4 === 1) socket.end(index % 3 === 0 ? 'x APPEND INBOX {100}\r\nSubject: half' : 'USER you\r\n');
              else socket.once('data', () => socket.destroy());
            });
          }),
        ),
      );
    }
    await stillServes();
    const pop = await popClient();
    pop.send(`USER you\r\nPASS ${sandbox.login('you').password}\r\nSTAT\r\nQUIT\r\n`);
    expect(await pop.readUntil(/^\+OK Bye.*\r\n/m)).toMatch(/\+OK 10 \d+\r\n/);
    expect(storedMessages()).toEqual(before);
  });
});

describe('the POP3 server answers bad input with -ERR and keeps serving', () => {
  it('refuses unknown commands, wrong states, bad numbers and long lines', async () => {
    const before = storedMessages();
    const client = await popClient();
    const answer = async (line: string) => {
      client.send(`${line}\r\n`);
      return client.readUntil(/^[+-].*\r\n/m);
    };
    expect(await answer('FROB')).toMatch(/^-ERR Unknown command/);
    expect(await answer('STAT')).toMatch(/^-ERR STAT is not valid in the AUTHORIZATION state/);
    expect(await answer('PASS nothing-yet')).toMatch(/^-ERR Send USER first/);
    expect(await answer(`USER ${'u'.repeat(10_000)}`)).toMatch(/^-ERR Line too long/);
    expect(await answer('USER you')).toMatch(/^\+OK/);
    expect(await answer(`PASS ${sandbox.login('you').password}`)).toMatch(/^\+OK Logged in, 10 messages/);
    expect(await answer('USER you')).toMatch(/^-ERR USER is not valid in the TRANSACTION state/);
    expect(await answer('RETR 99')).toMatch(/^-ERR No such message/);
    expect(await answer('RETR x')).toMatch(/^-ERR Invalid message number/);
    expect(await answer('TOP 1')).toMatch(/^-ERR TOP takes/);
    expect(await answer('DELE 1')).toMatch(/^\+OK/);
    expect(await answer('DELE 1')).toMatch(/^-ERR No such message/);
    expect(await answer('LIST 1')).toMatch(/^-ERR No such message/);
    expect(await answer('NOOP')).toMatch(/^\+OK/);
    client.close();
    await client.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storedMessages()).toEqual(before);
  });
});
