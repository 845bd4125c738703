import { afterEach, describe, expect, it } from 'vitest';
import { listPatternMatcher } from '../../sandbox/imap/list-pattern';
import { status } from './support/imap-helpers';
import { RawClient } from './support/raw-client';
import { startSandbox, type SandboxFixture } from './support/sandbox-fixture';

// Issue 11: a LIST pattern of many "*" or "%" and a character that does not match
// backtracked for minutes in a regular expression and froze every account.
describe('LIST pattern matching (RFC 3501 §6.3.8)', () => {
  const matches = (pattern: string, name: string) => listPatternMatcher(pattern)(name);

  it('"*" matches anything, the delimiter included', () => {
    expect(matches('*', 'Projects/Garden')).toBe(true);
    expect(matches('P*', 'Projects/Garden')).toBe(true);
    expect(matches('*n', 'Projects/Garden')).toBe(true);
    expect(matches('*/G*', 'Projects/Garden')).toBe(true);
    expect(matches('*x', 'Projects/Garden')).toBe(false);
    expect(matches('*', '')).toBe(true);
  });

  it('"%" matches anything but the delimiter', () => {
    expect(matches('%', 'Projects')).toBe(true);
    expect(matches('%', 'Projects/Garden')).toBe(false);
    expect(matches('Projects/%', 'Projects/Garden')).toBe(true);
    expect(matches('Projects/%', 'Projects/Garden/Beds')).toBe(false);
    expect(matches('%/%', 'Projects/Garden')).toBe(true);
    expect(matches('%/%/%', 'Projects/Garden')).toBe(false);
    expect(matches('%*', 'Projects/Garden')).toBe(true);
    expect(matches('*%', 'Projects/Garden')).toBe(true);
    expect(matches('%%%', 'Projects/Garden')).toBe(false);
  });

  it('matches other characters literally, regular-expression characters included', () => {
    expect(matches('a.b', 'a.b')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('(x)+[y]', '(x)+[y]')).toBe(true);
    expect(matches('\\d', '5')).toBe(false);
    expect(matches('Sent', 'sent')).toBe(false);
    expect(matches('Sent', 'Sent/Old')).toBe(false);
  });

  it('treats the name INBOX case-insensitively, and only that name', () => {
    expect(matches('inbox', 'INBOX')).toBe(true);
    expect(matches('InBoX/%', 'INBOX/Lists')).toBe(true);
    expect(matches('inbox*', 'INBOX')).toBe(true);
    expect(matches('inboxes', 'INBOXes')).toBe(false);
    expect(matches('*o*', 'INBOX')).toBe(false);
  });

  it('answers 200 wildcards and a character that does not match at once', () => {
    const name = `${'a'.repeat(100)}/${'b'.repeat(150)}`;
    const started = performance.now();
    for (const pattern of [`${'*'.repeat(200)}x`, `${'%'.repeat(200)}x`, `${'%a'.repeat(400)}x`, `${'*/'.repeat(400)}x`]) {
      expect(matches(pattern, name)).toBe(false);
    }
    expect(matches(`${'*a'.repeat(100)}*`, name)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses a pattern above 1,000 characters', () => {
    expect(() => listPatternMatcher('*'.repeat(1_001))).toThrow(/longer than 1000 characters/);
  });
});

describe('the sandbox IMAP server and hostile LIST patterns', () => {
  let sandbox: SandboxFixture | undefined;
  afterEach(async () => {
    await sandbox?.dispose();
  });

  async function session(fixture: SandboxFixture): Promise<RawClient> {
    const client = await RawClient.connect(fixture.server.info.imapPort);
    await client.readUntil(/^\* OK .*\r\n/);
    const { password } = fixture.login('you');
    expect(RawClient.tagged(await client.command('L', `LOGIN you "${password}"`), 'L')).toMatch(/^L OK/);
    return client;
  }

  it.each([
    ['LIST with 200 "*" then "x"', `LIST "" "${'*'.repeat(200)}x"`, 'List'],
    ['LIST with 200 "%" then "x"', `LIST "" "${'%'.repeat(200)}x"`, 'List'],
    ['LIST with 200 "%"', `LIST "" "${'%'.repeat(200)}"`, 'List'],
    ['LSUB with 200 "*" then "x"', `LSUB "" "${'*'.repeat(200)}x"`, 'Lsub'],
    ['LIST (SUBSCRIBED) with 200 "%" then "x"', `LIST (SUBSCRIBED) "${'%'.repeat(100)}" "${'%'.repeat(100)}x"`, 'List'],
  ])('answers %s at once and goes on serving', async (_name, line, verb) => {
    sandbox = await startSandbox();
    const client = await session(sandbox);
    await client.command('c', 'CREATE Projects/Garden/Beds');
    const started = performance.now();
    const answer = await client.command('p1', line, 5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(RawClient.tagged(answer, 'p1')).toBe(`p1 OK ${verb} completed`);
    if (!line.includes('%"')) expect(answer).not.toMatch(/^\* (LIST|LSUB) /m);
    expect(await client.command('p2', 'LIST "" "Projects/%"')).toBe('* LIST (\\HasChildren) "/" "Projects/Garden"\r\np2 OK List completed\r\n');
    client.close();
    const other = await sandbox.imap('ana');
    expect((await status(other, 'INBOX', { messages: true })).messages).toBe(3);
    await other.logout();
  });

  it('lists with "*", "%", the delimiter and INBOX in any case', async () => {
    sandbox = await startSandbox();
    const client = await session(sandbox);
    await client.command('c', 'CREATE Projects/Garden/Beds');
    expect(await client.command('a', 'LIST "" "Projects/*"')).toBe(
      '* LIST (\\HasChildren) "/" "Projects/Garden"\r\n* LIST (\\HasNoChildren) "/" "Projects/Garden/Beds"\r\na OK List completed\r\n',
    );
    expect(await client.command('b', 'LIST "Projects/" "%"')).toBe('* LIST (\\HasChildren) "/" "Projects/Garden"\r\nb OK List completed\r\n');
    expect(await client.command('d', 'LIST "" "%/%/%"')).toBe('* LIST (\\HasNoChildren) "/" "Projects/Garden/Beds"\r\nd OK List completed\r\n');
    expect(await client.command('e', 'LIST "" "*Beds"')).toBe('* LIST (\\HasNoChildren) "/" "Projects/Garden/Beds"\r\ne OK List completed\r\n');
    expect(await client.command('f', 'LIST "" "%Beds"')).toBe('f OK List completed\r\n');
    expect(await client.command('g', 'LIST "" "iNbOx"')).toBe('* LIST (\\HasNoChildren) "/" "INBOX"\r\ng OK List completed\r\n');
    expect(await client.command('h', 'LIST "" "Proj.cts"')).toBe('h OK List completed\r\n');
    client.close();
  });

  it('answers a pattern above 1,000 characters with BAD in plain words, and goes on serving', async () => {
    sandbox = await startSandbox();
    const client = await session(sandbox);
    const one = RawClient.tagged(await client.command('b1', `LIST "" "${'*'.repeat(1_001)}"`), 'b1');
    expect(one).toMatch(/^b1 BAD Mailbox pattern.* longer than 1000 characters/);
    const many = RawClient.tagged(await client.command('b2', `LIST "" (${Array.from({ length: 30 }, () => `"${'%'.repeat(40)}x"`).join(' ')})`), 'b2');
    expect(many).toMatch(/^b2 BAD Mailbox patterns longer than 1000 characters together/);
    expect(RawClient.tagged(await client.command('b3', `LSUB "" "${'%'.repeat(1_001)}"`), 'b3')).toMatch(/^b3 BAD /);
    expect(RawClient.tagged(await client.command('b4', 'LIST "" "*"'), 'b4')).toBe('b4 OK List completed');
    client.close();
  });
});
