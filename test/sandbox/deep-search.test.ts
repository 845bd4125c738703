import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { status } from './support/imap-helpers';
import { RawClient } from './support/raw-client';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

// Issue 11, item 13: deep nesting and out-of-range UIDs get a plain BAD, never a JavaScript error.
let sandbox: SandboxFixture;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

async function selectedClient(): Promise<RawClient> {
  const client = await RawClient.connect(sandbox.server.info.imapPort);
  await client.readUntil(/^\* OK .*\r\n/);
  const { password } = sandbox.login('you');
  expect(RawClient.tagged(await client.command('L', `LOGIN you "${password}"`), 'L')).toMatch(/^L OK/);
  expect(RawClient.tagged(await client.command('S', 'SELECT INBOX'), 'S')).toMatch(/^S OK/);
  return client;
}

/** BAD with plain words: no RFC 5530 SERVERBUG, no JavaScript error text. */
function expectPlainBad(answer: string, tag: string): void {
  expect(answer).toMatch(new RegExp(`^${tag} BAD `));
  expect(answer).not.toMatch(/SERVERBUG|Maximum call stack|RangeError|Internal error/);
}

describe('the sandbox IMAP server and hostile SEARCH nesting and UIDs', () => {
  it.each([
    ['NOT NOT … ALL', `${'NOT '.repeat(5_000)}ALL`],
    ['OR … nested to the left', `${'OR '.repeat(5_000)}ALL${' ALL'.repeat(5_000)}`],
    ['parentheses', `${'('.repeat(5_000)}ALL${')'.repeat(5_000)}`],
  ])('answers a SEARCH nested 5,000 deep (%s) with BAD in plain words, and goes on serving', async (_name, criteria) => {
    const client = await selectedClient();
    const answer = RawClient.tagged(await client.command('d1', `SEARCH ${criteria}`), 'd1');
    expectPlainBad(answer, 'd1');
    expect(answer).toMatch(/nested/);
    // A reasonable depth still works.
    expect(RawClient.tagged(await client.command('d2', `SEARCH ${'NOT '.repeat(20)}ALL`), 'd2')).toMatch(/^d2 OK/);
    client.close();
    const other = await sandbox.imap('ana');
    expect((await status(other, 'INBOX', { messages: true })).messages).toBe(3);
    await other.logout();
  });

  it('refuses a UID above 4294967295 (RFC 3501 §9 nz-number) with BAD', async () => {
    const client = await selectedClient();
    expectPlainBad(RawClient.tagged(await client.command('u1', 'UID FETCH 4294967296 FLAGS'), 'u1'), 'u1');
    expectPlainBad(RawClient.tagged(await client.command('u2', 'UID SEARCH UID 1:4294967296'), 'u2'), 'u2');
    expectPlainBad(RawClient.tagged(await client.command('u3', 'UID STORE 99999999999 +FLAGS (\\Seen)'), 'u3'), 'u3');
    expect(RawClient.tagged(await client.command('u4', 'UID FETCH 4294967295 FLAGS'), 'u4')).toMatch(/^u4 OK/);
    client.close();
  });
});
