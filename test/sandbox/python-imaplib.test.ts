import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPython } from './support/python';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

/** Python's imaplib (not our code) doing what a simple client does; every answer is reported. */
const SCRIPT = String.raw`
import imaplib, json, os
a = json.loads(os.environ["PY_ARGS"])
out = {}
M = imaplib.IMAP4(a["host"], a["port"])
out["capabilities"] = sorted(M.capabilities)
out["login"] = M.login(a["user"], a["password"])[0]
typ, data = M.list()
out["list"] = [line.decode() for line in data]
typ, data = M.select("INBOX")
out["select"] = [typ, data[0].decode()]
out["unseen"] = M.search(None, "UNSEEN")[1][0].decode()
out["flagsBefore"] = M.fetch("3", "(FLAGS)")[1][0].decode()
typ, data = M.fetch("3", "(BODY[TEXT])")
out["text"] = data[0][1].decode()
out["flagsAfter"] = M.fetch("3", "(FLAGS)")[1][0].decode()
typ, data = M.fetch("2", "(RFC822.SIZE ENVELOPE)")
out["envelope"] = data[0].decode()
out["store"] = [part.decode() for part in M.store("1", "+FLAGS", "(\\Deleted)")[1]]
typ, data = M.expunge()
out["expunge"] = [typ, [d.decode() for d in data if d]]
out["uidFetch"] = M.uid("FETCH", "2", "(UID RFC822.SIZE)")[1][0].decode()
out["create"] = M.create("Archive")[0]
typ, data = M.append("Archive", "(\\Seen)", imaplib.Time2Internaldate(1772000000), b"From: a@sandbox.test\r\nSubject: via imaplib\r\n\r\nhello\r\n")
out["append"] = [typ, data[0].decode()]
typ, data = M.copy("1:2", "Archive")
out["copy"] = [typ, [d.decode() for d in data]]
out["status"] = M.status("Archive", "(MESSAGES UIDNEXT UNSEEN)")[1][0].decode()
typ, data = M.select("Nonexistent")
out["badSelect"] = [typ, data[0].decode()]
out["logout"] = M.logout()[0]
print(json.dumps(out))
`;

interface ImaplibResult {
  capabilities: string[];
  login: string;
  list: string[];
  select: [string, string];
  unseen: string;
  flagsBefore: string;
  text: string;
  flagsAfter: string;
  envelope: string;
  store: string[];
  expunge: [string, string[]];
  uidFetch: string;
  create: string;
  append: [string, string];
  copy: [string, string[]];
  status: string;
  badSelect: [string, string];
  logout: string;
}

describe("Python's imaplib against the sandbox IMAP server", () => {
  it('logs in, lists, fetches (BODY[] sets \\Seen), stores flags, expunges, appends and copies as the RFCs require', async () => {
    const { user, password } = sandbox.login('you');
    const result = await runPython<ImaplibResult>(SCRIPT, { host: '127.0.0.1', port: sandbox.server.info.imapPort, user, password });
    // Before login: what it takes to log in.
    expect(result.capabilities).toEqual(expect.arrayContaining(['IMAP4REV1', 'AUTH=PLAIN', 'LITERAL+']));
    expect(result.login).toBe('OK');
    expect(result.list).toEqual(expect.arrayContaining(['(\\HasNoChildren) "/" "INBOX"', '(\\HasNoChildren \\Sent) "/" "Sent"', '(\\HasNoChildren \\Junk) "/" "Junk"']));
    expect(result.select).toEqual(['OK', '10']);
    expect(result.unseen).toBe('3 6 7 8 9 10');
    expect(result.flagsBefore).toBe('3 (FLAGS ())');
    expect(result.text).toContain('I booked for three');
    // RFC 3501 §6.4.5: BODY[section] without .PEEK sets \Seen.
    expect(result.flagsAfter).toBe('3 (FLAGS (\\Seen))');
    expect(result.envelope).toMatch(/^2 \(RFC822\.SIZE \d+ ENVELOPE \("Mon, 02 Mar 2026 09:12:00 \+0000" "Lunch on Friday\?" \(\("Ana Lima" NIL "ana" "sandbox\.test"\)\)/);
    expect(result.store).toEqual(['1 (UID 1 FLAGS (\\Deleted \\Seen))']);
    expect(result.expunge).toEqual(['OK', ['1']]);
    // Sequence numbers moved down after the expunge; UIDs did not.
    expect(result.uidFetch).toMatch(/^1 \(UID 2 RFC822\.SIZE \d+\)$/);
    expect(result.create).toBe('OK');
    const archive = sandbox.server.store.folder('you', 'Archive')!;
    expect(result.append).toEqual(['OK', `[APPENDUID ${archive.uidValidity} 1] Append completed`]);
    expect(result.copy).toEqual(['OK', [`[COPYUID ${archive.uidValidity} 2:3 2:3] Copy completed`]]);
    // The copies kept their flags: both had \\Seen by then (RFC 3501 §6.4.7).
    expect(result.status).toBe('"Archive" (MESSAGES 3 UIDNEXT 4 UNSEEN 0)');
    expect(result.badSelect).toEqual(['NO', '[NONEXISTENT] No such mailbox']);
    expect(result.logout).toBe('BYE');
    expect(sandbox.server.store.folder('you', 'INBOX')!.messages.map((m) => m.uid)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
