import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../../main/mime/parse-message';

// The hostile mail corpus (test/fixtures/hostile/, described in its README.md) through the Node-side
// parser. Rendering, the canary and saving attachments are tested elsewhere; here every message must
// parse without throwing, in bounded time, into a body, and attachment names come back as received.

const HOSTILE_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'hostile');
const FILES = readdirSync(HOSTILE_DIR)
  .filter((name) => name.endsWith('.eml'))
  .sort();
const source = (name: string): Buffer => readFileSync(join(HOSTILE_DIR, name));

const GROUPS = ['script-', 'handler-', 'js-url-', 'remote-', 'meta-', 'form-', 'link-', 'scheme-', 'css-', 'overlay-', 'mxss-', 'text-', 'header-', 'name-', 'attach-', 'structure-', 'size-'] as const;

/** Generous: the slowest message of the corpus parses in about 1.5 s. A hang or a blow-up fails here. */
const PARSE_TIMEOUT_MS = 30_000;

/**
 * Messages parseMessage is known to take far too long on today. Each is skipped, with the reason, so the
 * suite stays usable; delete the entry once the cause is fixed and the file runs like every other.
 */
const KNOWN_SLOW: Readonly<Record<string, string>> = {};

/** Bytes a file may contain that are not CRLF line ends, on purpose. */
const BARE_LINE_ENDS = new Set(['header-raw-cr-lf.eml']);

/** URLs in the corpus that are XML namespace names, never fetched. */
const NAMESPACES = new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1999/xlink']);

describe('hostile corpus: coverage', () => {
  it('has at least 45 messages', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(45);
  });

  it.each(GROUPS)('has messages in the %s group', (prefix) => {
    expect(FILES.filter((name) => name.startsWith(prefix)).length).toBeGreaterThan(0);
  });

  it('names every file in kebab case under one of the groups', () => {
    const stray = FILES.filter((name) => !/^[a-z0-9]+(-[a-z0-9]+)*\.eml$/.test(name) || !GROUPS.some((prefix) => name.startsWith(prefix)));
    expect(stray).toEqual([]);
  });

  it('describes every file on one line of the README, and no file that is not there', () => {
    const readme = readFileSync(join(HOSTILE_DIR, 'README.md'), 'utf8');
    const described = [...readme.matchAll(/^- `([^`]+\.eml)` — \S/gm)].map((match) => match[1]);
    expect([...described].sort()).toEqual(FILES);
  });

  it('lists only corpus files as known to be slow', () => {
    expect(Object.keys(KNOWN_SLOW).filter((name) => !FILES.includes(name))).toEqual([]);
  });
});

describe('hostile corpus: well-formed fixtures', () => {
  it.each(FILES)('%s uses CRLF line ends and has a header block', (name) => {
    const text = source(name).toString('latin1');
    expect(text.indexOf('\r\n\r\n')).toBeGreaterThan(-1);
    if (!BARE_LINE_ENDS.has(name)) {
      expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
      expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);
    }
  });

  it.each(FILES.filter((name) => !name.startsWith('header-')))('%s has From, To, Subject, Date and Message-ID', (name) => {
    const text = source(name).toString('latin1');
    const head = text.slice(0, text.indexOf('\r\n\r\n') + 2);
    for (const field of ['From', 'To', 'Subject', 'Date', 'Message-ID']) expect(head).toMatch(new RegExp(`^${field}: `, 'm'));
  });

  it.each(FILES)('%s sends every http(s) URL to http://canary.invalid/', (name) => {
    const text = source(name).toString('latin1');
    const elsewhere: string[] = [];
    for (const [url, scheme, authority] of text.matchAll(/(https?):\/\/([^/\s"'<>()\\`]*)[^\s"'<>()\\`]*/gi)) {
      if (NAMESPACES.has(url)) continue;
      const host = authority!.slice(authority!.lastIndexOf('@') + 1);
      if (scheme !== 'http' || host !== 'canary.invalid') elsewhere.push(url);
    }
    expect(elsewhere).toEqual([]);
  });
});

async function parsesIntoABody(name: string): Promise<void> {
  const id = `hostile:${name}`;
  const parsed = await parseMessage(id, source(name), 7);

  expect(parsed.body.messageId).toBe(id);
  expect(parsed.body.fetchedAt).toBe(7);
  expect(typeof parsed.body.text).toBe('string');
  expect(parsed.body.html === null || typeof parsed.body.html === 'string').toBe(true);
  expect(parsed.body.text.length + (parsed.body.html?.length ?? 0)).toBeGreaterThan(0);
  expect(typeof parsed.snippet).toBe('string');
  expect(parsed.body.attachments.map((meta) => meta.id)).toEqual(parsed.attachments.map((record) => record.id));
  parsed.attachments.forEach((record, index) => {
    expect(record.messageId).toBe(id);
    expect(record.content.length).toBe(parsed.body.attachments[index]!.size);
  });
}

describe('hostile corpus: parseMessage', () => {
  it.each(FILES.filter((name) => !(name in KNOWN_SLOW)))('%s parses without throwing, in bounded time, into a body', parsesIntoABody, PARSE_TIMEOUT_MS);

  // Shown as skipped in every run until the cause in KNOWN_SLOW is fixed.
  it.skip.each(Object.keys(KNOWN_SLOW))('%s parses without throwing, in bounded time, into a body (KNOWN_SLOW)', parsesIntoABody, PARSE_TIMEOUT_MS);

  // What the parser gives up on comes to the app as the raw message with a warning (recorded, not endorsed).
  it.each([
    ['size-10mb-header-line.eml', 'Max header size for a MIME node exceeded'],
    ['structure-nested-1000.eml', 'Max allowed child nodes exceeded'],
  ])(
    '%s is kept as received, with a warning',
    async (name, reason) => {
      const raw = source(name);
      const { body, envelope, attachments } = await parseMessage('m', raw);
      expect(body.parseWarnings).toEqual([`This message could not be parsed (${reason}); it is shown as received.`]);
      // Up to 1 MiB of it, so a text view can still lay it out; the rest is counted, not shown.
      const shown = raw.subarray(0, 1024 * 1024).toString('utf8');
      const hidden = raw.length - Math.min(raw.length, 1024 * 1024);
      expect(body.text).toBe(hidden > 0 ? `${shown}\n[… ${hidden} more bytes not shown]` : shown);
      expect(body.html).toBeNull();
      expect(envelope.subject).toBe('');
      expect(attachments).toEqual([]);
    },
    PARSE_TIMEOUT_MS,
  );
});

// Attachment names come back exactly as the message declares them (after RFC 2047/2231 decoding):
// traversal, absolute paths, device names and control characters included. Neutralizing them is the
// job of the code that saves a file, so this records what that code receives.
const ATTACHMENT_NAMES: Readonly<Record<string, readonly string[]>> = {
  'attach-traversal-relative.eml': [
    '../../../../../../home/reader/.bashrc',
    '..\\..\\..\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\evil.bat',
    '....//....//etc/cron.d/evil',
    'sub/dir/nested.txt',
    './.ssh/authorized_keys',
    '..',
    '.',
    'folder/',
    '../name-param-only.txt',
  ],
  'attach-absolute-paths.eml': [
    '/etc/passwd',
    'C:\\Windows\\system32\\x.dll',
    // Unescaped backslashes in a quoted string (as Outlook writes them) are quoted-pairs to the parser.
    'C:Windowssystem32outlook-style-raw-backslashes.dll',
    'C:/Windows/System32/drivers/etc/hosts',
    '\\\\canary.invalid\\share\\evil.exe',
    '\\\\?\\C:\\evil.exe',
    '~/.ssh/authorized_keys',
    '/Users/reader/Library/LaunchAgents/com.hostile.plist',
    'D:drive-relative.txt',
    'file:///etc/passwd',
  ],
  'attach-device-names.eml': ['CON', 'NUL.txt', 'COM1', 'LPT1.doc', 'AUX', 'PRN.pdf', 'con .txt', 'COM1.tar.gz', 'CONIN$', 'CONOUT$', 'COM\u00b9', 'nul', 'lpt9.txt', 'CLOCK$'],
  'attach-rfc2231-traversal.eml': [
    '../../../etc/passwd',
    '../../../home/reader/.profile',
    'C:\\Windows\\system32\\x.dll',
    '/etc/shadow',
    '../../continued.txt',
    '../../evil.sh',
    'report.pdf\u0000.exe',
    'invoice\u202efdp.exe',
    '\\\\canary.invalid\\share\\x.exe',
  ],
  'attach-encoded-word-names.eml': ['../../evil.sh', 'C:\\Windows\\x.dll', 'CON', '<img src=x onerror=alert(1)>.txt', '../../split-word.txt'],
  'attach-spoofed-extensions.eml': [
    'invoice\u202efdp.exe',
    'report.pdf.exe',
    'evil.exe.',
    'evil.exe   ',
    'notes.txt:evil.exe',
    '\u001b[31mred\u001b[0m.txt',
    `${'a'.repeat(2000)}.txt`,
    '   ',
    // filename="" has no name at all; parseMessage numbers it.
    'attachment-9',
    'shortcut.lnk',
    'screensaver.scr',
    'app.hta',
    'launcher.desktop',
    'run.command',
    'archive.jar',
    'macro.docm',
    'tab\tinside.txt',
  ],
  'attach-active-content.eml': ['page.html', 'image.svg', 'page.xhtml', 'archive.mht', 'invoice.pdf', 'photo.png', 'drawing.svg'],
  'attach-cid-tricks.eml': ['dup-1.gif', 'part.svg', 'markup-id.gif', 'url-id.gif'],
  'header-nul-byte.eml': ['report.pdf\u0000.exe'],
};

describe('hostile corpus: attachment names are returned as received', () => {
  it('covers every attach- file', () => {
    expect(FILES.filter((name) => name.startsWith('attach-')).filter((name) => !(name in ATTACHMENT_NAMES))).toEqual([]);
  });

  it.each(Object.entries(ATTACHMENT_NAMES))(
    '%s',
    async (name, expected) => {
      const { body } = await parseMessage('m', source(name));
      expect(body.attachments.map((meta) => meta.filename)).toEqual(expected);
    },
    PARSE_TIMEOUT_MS,
  );
});
