import { describe, expect, it } from 'vitest';
import { EhloAuthWatcher, ehloAuthMechanisms, ehloSizeLimit } from '../../../../../main/protocols/smtp/ehlo-auth';
import { smtpOAuthMechanism } from '../../../../../main/protocols/smtp/smtp-oauth';

describe('the AUTH mechanisms of an EHLO reply', () => {
  it('reads the AUTH line (RFC 4954 §3) of a multi-line reply, in any case, each mechanism once', () => {
    // Gmail's reply after STARTTLS, as nodemailer joins a multi-line reply.
    const gmail = ['250-smtp.gmail.com at your service, [203.0.113.5]', '250-SIZE 35882577', '250-8BITMIME', '250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH', '250-ENHANCEDSTATUSCODES', '250 SMTPUTF8'].join('\n');
    expect(ehloAuthMechanisms(gmail)).toEqual(['LOGIN', 'PLAIN', 'XOAUTH2', 'PLAIN-CLIENTTOKEN', 'OAUTHBEARER', 'XOAUTH']);
    expect(ehloAuthMechanisms('250-mx.example\n250 auth plain oauthbearer plain')).toEqual(['PLAIN', 'OAUTHBEARER']);
  });

  it('reads the pre-RFC "AUTH=" form too, and the last line of the reply', () => {
    expect(ehloAuthMechanisms('250-old.example\r\n250-AUTH=LOGIN XOAUTH2\r\n250 AUTH LOGIN')).toEqual(['LOGIN', 'XOAUTH2']);
  });

  it('finds no mechanisms where there is no AUTH keyword, nor in the greeting line or a lookalike keyword', () => {
    expect(ehloAuthMechanisms('250-AUTH.example.com\n250 SIZE 1000')).toEqual([]);
    expect(ehloAuthMechanisms('250-mx.example\n250-AUTHX OAUTHBEARER\n250 8BITMIME')).toEqual([]);
    expect(ehloAuthMechanisms('250 mx.example')).toEqual([]);
  });

  it('skips words that cannot be SASL mechanism names (RFC 4422 §3.1)', () => {
    expect(ehloAuthMechanisms(`250-mx.example\n250 AUTH PLAIN ${'X'.repeat(21)} O\u00c4UTH OAUTHBEARER`)).toEqual(['PLAIN', 'OAUTHBEARER']);
  });
});

describe('following a connection for its latest EHLO reply', () => {
  it('keeps what the EHLO after STARTTLS said, not what the one before it said (RFC 3207 §4.2)', () => {
    const watcher = new EhloAuthWatcher();
    watcher.observe('server', '220 mx.example ESMTP');
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '250-mx.example\n250-STARTTLS\n250 AUTH PLAIN OAUTHBEARER');
    expect(watcher.mechanisms).toEqual(['PLAIN', 'OAUTHBEARER']);
    watcher.observe('client', 'STARTTLS');
    watcher.observe('server', '220 Ready to start TLS');
    expect(watcher.mechanisms).toEqual(['PLAIN', 'OAUTHBEARER']);
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '250-mx.example\n250 AUTH XOAUTH2');
    expect(watcher.mechanisms).toEqual(['XOAUTH2']);
  });

  it('reads AUTH only from EHLO replies: a later reply mentioning AUTH changes nothing, a refused EHLO leaves none', () => {
    const watcher = new EhloAuthWatcher();
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '250-mx.example\n250 AUTH OAUTHBEARER');
    watcher.observe('client', 'NOOP');
    watcher.observe('server', '250 AUTH XOAUTH2');
    expect(watcher.mechanisms).toEqual(['OAUTHBEARER']);
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '502 5.5.2 EHLO not here');
    expect(watcher.mechanisms).toEqual([]);
  });
});

describe('the SASL mechanism for an access token at an SMTP server', () => {
  it('is OAUTHBEARER when offered, else XOAUTH2', () => {
    expect(smtpOAuthMechanism(['PLAIN', 'LOGIN', 'XOAUTH2', 'OAUTHBEARER'], 'mx.example')).toBe('OAUTHBEARER');
    expect(smtpOAuthMechanism(['LOGIN', 'XOAUTH2'], 'mx.example')).toBe('XOAUTH2');
  });

  it('is XOAUTH2 when the server named no mechanisms at all', () => {
    expect(smtpOAuthMechanism([], 'mx.example')).toBe('XOAUTH2');
  });

  it('is none when the server offers only others: SERVER_ERROR naming them', () => {
    expect(() => smtpOAuthMechanism(['PLAIN', 'LOGIN'], 'mx.example')).toThrow(
      expect.objectContaining({ wire: expect.objectContaining({ code: 'SERVER_ERROR', message: 'SMTP: mx.example does not offer OAuth2 sign-in (SASL OAUTHBEARER or XOAUTH2), only PLAIN, LOGIN.' }) as unknown }),
    );
  });
});

describe('ehloSizeLimit', () => {
  it('reads the SIZE limit of the latest EHLO reply (RFC 1870)', () => {
    expect(ehloSizeLimit('250-smtp.gmail.com at your service\r\n250-SIZE 35882577\r\n250 8BITMIME')).toBe(35_882_577);
    expect(ehloSizeLimit('250-mx.example\n250 SIZE')).toBeNull();
    expect(ehloSizeLimit('250-mx.example\n250 SIZE 0')).toBeNull();
    expect(ehloSizeLimit('250-mx.example\n250-SIZEX 10\n250 PIPELINING')).toBeNull();
    const watcher = new EhloAuthWatcher();
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '250-localhost\n250-SIZE 1000\n250 STARTTLS');
    expect(watcher.maxMessageBytes).toBe(1000);
    watcher.observe('client', 'EHLO [127.0.0.1]');
    watcher.observe('server', '250-localhost\n250-SIZE 2000\n250 AUTH PLAIN');
    expect(watcher.maxMessageBytes).toBe(2000);
  });
});
