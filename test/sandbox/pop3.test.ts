import Pop3Command from 'node-pop3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPop3 } from '../../main/protocols/pop3/pop3-connection';
import type { Pop3Session } from '../../main/protocols/pop3/pop3-session';
import { waitFor } from '../support/wait';
import { fetchOne } from './support/imap-helpers';
import { runPython } from './support/python';
import { RawClient } from './support/raw-client';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

const inboxUids = () => sandbox.server.store.folder('you', 'INBOX')!.messages.map((m) => m.uid);
const flagsOf = (uid: number) => sandbox.server.store.folder('you', 'INBOX')!.messages.find((m) => m.uid === uid)?.flags ?? [];

/** The product's own POP3 client, logged in as "you" over plaintext (so with APOP). */
async function productSession(): Promise<{ session: Pop3Session; authMethod: string }> {
  const { user, password } = sandbox.login('you');
  return openPop3({ endpoint: { host: '127.0.0.1', port: sandbox.server.info.pop3Port, security: 'none', user }, password, trusted: [] });
}

const POPLIB = String.raw`
import base64, json, os, poplib
a = json.loads(os.environ["PY_ARGS"])
out = {}
box = poplib.POP3(a["host"], a["port"])
out["capa"] = sorted(box.capa().keys())
if a["apop"]:
    out["login"] = box.apop(a["user"], a["password"]).decode()
else:
    box.user(a["user"])
    out["login"] = box.pass_(a["password"]).decode()
out["stat"] = list(box.stat())
out["list"] = [line.decode() for line in box.list()[1]]
out["uidl"] = [line.decode() for line in box.uidl()[1]]
out["top"] = [line.decode("utf-8", "replace") for line in box.top(2, 1)[1]]
response, lines, octets = box.retr(a["retr"])
out["retr"] = {"response": response.decode(), "octets": octets, "base64": base64.b64encode(b"\r\n".join(lines) + b"\r\n").decode()}
if a["dele"]:
    out["dele"] = box.dele(a["dele"]).decode()
out["quit"] = box.quit().decode()
print(json.dumps(out))
`;

interface PoplibResult {
  capa: string[];
  login: string;
  stat: [number, number];
  list: string[];
  uidl: string[];
  top: string[];
  retr: { response: string; octets: number; base64: string };
  dele?: string;
  quit: string;
}

function poplib(options: { apop?: boolean; retr: number; dele?: number }): Promise<PoplibResult> {
  const { user, password } = sandbox.login('you');
  return runPython<PoplibResult>(POPLIB, { host: '127.0.0.1', port: sandbox.server.info.pop3Port, user, password, apop: options.apop ?? false, retr: options.retr, dele: options.dele ?? 0 });
}

describe("Python's poplib against the sandbox POP3 server", () => {
  it('lists, reads and deletes at QUIT, with the UIDLs and sizes the RFCs require', async () => {
    const inbox = sandbox.server.store.folder('you', 'INBOX')!;
    const messages = [...inbox.messages];
    const result = await poplib({ retr: 3, dele: 1 });
    expect(result.capa).toEqual(expect.arrayContaining(['TOP', 'UIDL', 'USER', 'SASL', 'RESP-CODES', 'PIPELINING']));
    expect(result.login).toMatch(/^\+OK/);
    const total = messages.reduce((sum, m) => sum + m.size, 0);
    expect(result.stat).toEqual([10, total]);
    expect(result.list).toEqual(messages.map((m, i) => `${i + 1} ${m.size}`));
    // Dovecot's %08Xu%08Xv: the UID and the UIDVALIDITY in hex.
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
    expect(result.uidl).toEqual(messages.map((m, i) => `${i + 1} ${hex(m.uid)}${hex(inbox.uidValidity)}`));
    expect(result.top.slice(-2)).toEqual(['', 'Hi!']);
    expect(result.top).toContain('Subject: Lunch on Friday?');
    // One store: what POP downloads is exactly what IMAP has.
    const raw = await sandbox.server.store.readRaw('you', messages[2]!);
    expect(Buffer.from(result.retr.base64, 'base64').equals(raw)).toBe(true);
    expect(result.dele).toMatch(/^\+OK/);
    expect(result.quit).toMatch(/^\+OK/);
    expect(inboxUids()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // With the default ("marks seen", like Dovecot) personality, the RETR'd message is \Seen now.
    expect(flagsOf(3)).toContain('\\Seen');
  });

  it('logs in with APOP', async () => {
    const result = await poplib({ apop: true, retr: 1 });
    expect(result.login).toMatch(/^\+OK/);
    expect(result.stat[0]).toBe(10);
  });
});

describe('node-pop3 against the sandbox POP3 server', () => {
  it('runs STAT, LIST, UIDL, TOP, RETR and QUIT', async () => {
    const { user, password } = sandbox.login('you');
    const pop3 = new Pop3Command({ user, password, host: '127.0.0.1', port: sandbox.server.info.pop3Port, tls: false });
    const [count] = (await pop3.STAT()).split(' ');
    expect(Number(count)).toBe(10);
    const uidl = (await pop3.UIDL()) as string[][];
    expect(uidl).toHaveLength(10);
    expect(new Set(uidl.map(([, id]) => id)).size).toBe(10);
    const list = (await pop3.LIST()) as string[][];
    expect(list[0]?.[0]).toBe('1');
    expect(await pop3.TOP(1, 0)).toContain('Subject: Welcome to the Porthole sandbox');
    expect(await pop3.RETR(2)).toContain('Are you free for lunch on Friday?');
    await pop3.QUIT();
    expect(inboxUids()).toHaveLength(10);
  });
});

describe("the product's POP3 client (openPop3) against the sandbox", () => {
  it('logs in with APOP on the plaintext loopback connection and downloads the same bytes IMAP serves', async () => {
    const { session, authMethod } = await productSession();
    expect(authMethod).toBe('APOP');
    const uidl = await session.uidl();
    expect(uidl).toHaveLength(10);
    const raw = await session.retr(4);
    const imap = await sandbox.imap('you');
    await imap.mailboxOpen('INBOX');
    const fetched = await imap.fetchOne('4', { source: true });
    expect(raw.equals(fetched ? fetched.source! : Buffer.alloc(0))).toBe(true);
    await session.quit();
  });
});

describe('POP3 maildrop semantics (RFC 1939)', () => {
  it('DELE only marks: a dropped session deletes nothing, RSET unmarks, QUIT deletes', async () => {
    let { session } = await productSession();
    await session.dele(1);
    await session.dele(2);
    expect((await session.stat()).count).toBe(8);
    session.close();
    // The server has ended the dropped session once a new one may log in: the maildrop lock is
    // given back when a session ends (RFC 1939 §8); until then a login gets [IN-USE].
    ({ session } = await waitFor(() => productSession().catch(() => undefined), 'the server to end the dropped session'));
    expect(inboxUids()).toHaveLength(10);

    await session.dele(1);
    await session.rset();
    await session.dele(3);
    await expect(session.retr(3)).rejects.toThrow(/No such message/);
    await session.quit();
    expect(inboxUids()).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('answers a second session with -ERR [IN-USE] while the first holds the maildrop', async () => {
    const first = await productSession();
    await expect(productSession()).rejects.toMatchObject({ wire: { code: 'MAILBOX_IN_USE' } });
    const raw = await RawClient.connect(sandbox.server.info.pop3Port);
    await raw.readUntil(/^\+OK.*\r\n/);
    raw.send(`USER you\r\nPASS ${sandbox.login('you').password}\r\n`);
    expect(await raw.readUntil(/^-ERR.*\r\n/m)).toMatch(/-ERR \[IN-USE\]/);
    raw.close();
    await first.session.quit();
    const second = await productSession();
    await second.session.quit();
  });

  it('marks RETR\'d messages \\Seen for IMAP at QUIT, or not, as the personality says; TOP never does', async () => {
    let { session } = await productSession();
    await session.retr(3);
    await session.top(6, 0);
    expect(flagsOf(3)).not.toContain('\\Seen');
    await session.quit();
    // What an IMAP client now sees (RFC 1939 leaves it open; Dovecot marks \Seen at QUIT).
    const imap = await sandbox.imap('you');
    await imap.mailboxOpen('INBOX', { readOnly: true });
    expect((await fetchOne(imap, '3', { flags: true }, { uid: true })).flags).toContain('\\Seen');
    expect((await fetchOne(imap, '6', { flags: true }, { uid: true })).flags).not.toContain('\\Seen');

    await sandbox.server.setPersonality({ popMarksSeen: false });
    ({ session } = await productSession());
    await session.retr(7);
    await session.quit();
    expect(flagsOf(7)).not.toContain('\\Seen');
  });

  it('sends byte-stuffed lines and keeps the bytes the same after unstuffing', async () => {
    const raw = Buffer.from('From: ben@sandbox.test\r\nSubject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nend\r\n');
    await sandbox.server.store.deliver('you', raw, 'test');
    const client = await RawClient.connect(sandbox.server.info.pop3Port);
    await client.readUntil(/^\+OK.*\r\n/);
    client.send(`USER you\r\nPASS ${sandbox.login('you').password}\r\nRETR 11\r\n`);
    const wire = await client.readUntil(/\r\n\.\r\n/);
    expect(wire).toContain('\r\n..leading dot\r\n...two dots\r\n..\r\nend\r\n.\r\n');
    client.close();
    const { session } = await productSession();
    expect((await session.retr(11)).equals(raw)).toBe(true);
    await session.quit();
  });

  it('refuses a wrong password with [AUTH] and waits the personality\'s login delay', async () => {
    const client = await RawClient.connect(sandbox.server.info.pop3Port);
    await client.readUntil(/^\+OK.*\r\n/);
    client.send('USER you\r\nPASS wrong\r\n');
    expect(await client.readUntil(/^-ERR.*\r\n/m)).toMatch(/-ERR \[AUTH\]/);
    client.close();
    await sandbox.server.setPersonality({ loginDelayMs: 300 });
    const started = Date.now();
    const { session } = await productSession();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await session.quit();
  });

  it('shows mail that arrived over SMTP or the demo timer to the next session only', async () => {
    const { session } = await productSession();
    await sandbox.server.sendSampleMail('ben', 'you');
    expect((await session.stat()).count).toBe(10);
    await session.quit();
    const next = await productSession();
    expect((await next.session.stat()).count).toBe(11);
    await next.session.quit();
  });
});
