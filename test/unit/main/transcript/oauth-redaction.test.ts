import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../../../common/model/transcript';
import { oauthInitialResponse } from '../../../../main/protocols/sasl-oauth';
import { TranscriptStore } from '../../../../main/transcript/transcript-store';

const TOKEN = 'ya29.a0AfB_byC-secret-access-token';
const REFRESH = '1//0gRefresh-secret-token';
const XOAUTH2 = oauthInitialResponse('XOAUTH2', 'alice@example.com', TOKEN, { host: 'imap.example.com', port: 993 });
const OAUTHBEARER = oauthInitialResponse('OAUTHBEARER', 'alice@example.com', TOKEN, { host: 'imap.example.com', port: 993 });
const ERROR_CHALLENGE = Buffer.from('{"status":"invalid_token","schemes":"bearer","scope":"https://mail.google.com/"}').toString('base64');

/** Plays `lines` through one connection's sink (as the protocol code writes them) and returns what the store kept. */
function kept(lines: Array<[TranscriptEntry['direction'], string]>, service: TranscriptEntry['service'] = 'imap', secrets: string[] = []): string[] {
  const store = new TranscriptStore(() => 0, () => undefined);
  store.setSecrets('account', secrets);
  const sink = store.sink('account', { device: null, role: 'loginCheck' });
  for (const [direction, text] of lines) sink({ service, direction, text });
  return store.get('account').map((entry) => entry.text);
}

function expectNoToken(texts: string[]): void {
  const all = texts.join('\n');
  for (const form of [TOKEN, XOAUTH2, OAUTHBEARER, Buffer.from(TOKEN).toString('base64')]) expect(all).not.toContain(form);
}

describe('the transcript masks OAuth2 tokens like passwords', () => {
  it('IMAP: AUTHENTICATE with the token as initial response (RFC 4959 SASL-IR), either mechanism', () => {
    const texts = kept([
      ['client', `A1 AUTHENTICATE XOAUTH2 ${XOAUTH2}`],
      ['server', 'A1 OK Logged in'],
      ['client', `A2 AUTHENTICATE OAUTHBEARER ${OAUTHBEARER}`],
      ['server', 'A2 OK Logged in'],
    ]);
    expect(texts).toEqual(['A1 AUTHENTICATE XOAUTH2 ********', 'A1 OK Logged in', 'A2 AUTHENTICATE OAUTHBEARER ********', 'A2 OK Logged in']);
  });

  it('IMAP: the token after an empty challenge, and the answer to an error challenge', () => {
    const texts = kept([
      ['client', 'A1 AUTHENTICATE OAUTHBEARER'],
      ['server', '+ '],
      ['client', OAUTHBEARER],
      ['server', `+ ${ERROR_CHALLENGE}`],
      ['client', 'AQ=='],
      ['server', 'A1 NO [AUTHENTICATIONFAILED] Authentication failed.'],
    ]);
    expect(texts).toEqual(['A1 AUTHENTICATE OAUTHBEARER', '+ ', '********', `+ ${ERROR_CHALLENGE}`, '********', 'A1 NO [AUTHENTICATIONFAILED] Authentication failed.']);
  });

  it('POP3: AUTH with the token, or after the empty challenge (RFC 5034)', () => {
    const texts = kept([
      ['client', `AUTH XOAUTH2 ${XOAUTH2}`],
      ['server', `+ ${ERROR_CHALLENGE}`],
      ['client', ''],
      ['server', '-ERR [AUTH] Authentication failed.'],
      ['client', 'AUTH OAUTHBEARER'],
      ['server', '+ '],
      ['client', OAUTHBEARER],
      ['server', '+OK Logged in.'],
    ], 'pop3');
    expectNoToken(texts);
    expect(texts[0]).toBe('AUTH XOAUTH2 ********');
    expect(texts[6]).toBe('********');
  });

  it('SMTP: AUTH XOAUTH2 (as nodemailer logs it) and the answer to the 334 error challenge (RFC 4954)', () => {
    const texts = kept([
      ['client', `AUTH XOAUTH2 ${XOAUTH2}`],
      ['server', `334 ${ERROR_CHALLENGE}`],
      ['client', ''],
      ['server', '535 5.7.8 Username and Password not accepted'],
    ], 'smtp');
    expect(texts).toEqual(['AUTH XOAUTH2 ********', `334 ${ERROR_CHALLENGE}`, '********', '535 5.7.8 Username and Password not accepted']);
  });

  it('an account’s stored tokens are masked wherever they appear, also in base64', () => {
    const texts = kept([
      ['server', `* BYE token ${TOKEN} was revoked`],
      ['client', `A3 NOOP ${Buffer.from(REFRESH).toString('base64')}`],
    ], 'imap', [TOKEN, REFRESH]);
    expect(texts).toEqual(['* BYE token ******** was revoked', 'A3 NOOP ********']);
  });
});
