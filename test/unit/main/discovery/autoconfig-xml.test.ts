import { describe, expect, it } from 'vitest';
import { autoconfigProblemEnglish, skippedServerEnglish } from '../../../../common/model/discovery-notes';
import { fillPlaceholders, MAX_AUTOCONFIG_BYTES, parseAutoconfig } from '../../../../main/discovery/autoconfig-xml';

const GOOD = `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.com">
    <domain>example.com</domain>
    <displayName>Example Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
      <authentication>OAuth2</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.example.com</hostname>
      <port>110</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.example.com</hostname>
      <port>25</port>
      <socketType>plain</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>`;

describe('parseAutoconfig', () => {
  it('reads servers, ports, socket types, usernames and authentication in the file order', () => {
    const parsed = parseAutoconfig(GOOD);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.displayName).toBe('Example Mail');
    expect(parsed.file.incoming).toEqual([
      { type: 'imap', hostname: 'imap.%EMAILDOMAIN%', port: 993, security: 'tls', username: '%EMAILLOCALPART%', authentication: ['password-cleartext', 'OAuth2'] },
      { type: 'pop3', hostname: 'pop.example.com', port: 110, security: 'starttls', username: '%EMAILADDRESS%', authentication: ['password-cleartext'] },
    ]);
    expect(parsed.file.outgoing).toEqual([{ type: 'smtp', hostname: 'smtp.example.com', port: 25, security: 'none', username: '%EMAILADDRESS%', authentication: ['password-cleartext'] }]);
    expect(parsed.file.skipped).toEqual([]);
  });

  it('fills the placeholders', () => {
    expect(fillPlaceholders('%EMAILLOCALPART%|%EMAILDOMAIN%|%EMAILADDRESS%|%REALNAME%', 'jo.doe@example.com')).toBe('jo.doe|example.com|jo.doe@example.com|%REALNAME%');
    expect(fillPlaceholders('%EMAILLOCALPART%', '"a@b"@example.com')).toBe('"a@b"');
  });

  it.each([
    ['unclosed tags', '<clientConfig><emailProvider>', /not well-formed XML \(line 1/],
    ['not XML at all', 'HTTP/1.1 200 OK\r\n\r\n{"imap": "x"}', /not well-formed XML/],
    ['an empty file', '', /not well-formed XML|not an autoconfig file/],
    ['another XML document', '<html><body>Welcome</body></html>', /not an autoconfig file \(no <clientConfig>\)/],
    ['no provider', '<clientConfig version="1.1"></clientConfig>', /no <emailProvider>/],
    ['no incoming server', '<clientConfig><emailProvider id="x"><outgoingServer type="smtp"><hostname>s</hostname><port>25</port><socketType>plain</socketType></outgoingServer></emailProvider></clientConfig>', /names no incoming server/],
  ])('refuses %s with a reason in words', (_case, xml, reason) => {
    const parsed = parseAutoconfig(xml);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(autoconfigProblemEnglish(parsed.problem)).toMatch(reason);
  });

  it('leaves out servers it cannot use, and says why', () => {
    const xml = `<clientConfig><emailProvider id="x">
      <incomingServer type="exchange"><hostname>ews.x.test</hostname><port>443</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname>imap.x.test</hostname><port>99999</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname>imap.x.test</hostname><port>993</port><socketType>QUANTUM</socketType></incomingServer>
      <incomingServer type="imap"><port>993</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname> imap.x.test </hostname><port>993</port><socketType>SSL</socketType></incomingServer>
    </emailProvider></clientConfig>`;
    const parsed = parseAutoconfig(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file.incoming).toEqual([{ type: 'imap', hostname: 'imap.x.test', port: 993, security: 'tls', username: '%EMAILADDRESS%', authentication: [] }]);
    expect(parsed.file.skipped.map(skippedServerEnglish)).toEqual([
      'an incoming server of type “exchange”',
      'imap.x.test: “99999” is not a port number',
      'imap.x.test: unknown kind of encryption “QUANTUM” (socketType)',
      'an IMAP server without a host name',
    ]);
  });

  it('fails in words when every server is unusable', () => {
    const parsed = parseAutoconfig('<clientConfig><emailProvider><incomingServer type="imap"><hostname>h</hostname><port>x</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>');
    expect(parsed).toEqual({ ok: false, problem: { kind: 'noUsableIncoming', skipped: [{ kind: 'badPort', host: 'h', port: 'x' }] } });
    if (!parsed.ok) expect(autoconfigProblemEnglish(parsed.problem)).toBe('no usable incoming server (h: “x” is not a port number)');
  });

  it('refuses a file over the size cap without parsing it', () => {
    const huge = GOOD.replace('<domain>', `<!--${'x'.repeat(MAX_AUTOCONFIG_BYTES)}--><domain>`);
    expect(parseAutoconfig(huge)).toEqual({ ok: false, problem: { kind: 'tooLarge', kib: MAX_AUTOCONFIG_BYTES / 1024 } });
  });

  it('expands no entities: a DOCTYPE cannot grow the document or smuggle a host name', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE c [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <clientConfig><emailProvider><incomingServer type="imap"><hostname>&b;</hostname><port>993</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>`;
    const parsed = parseAutoconfig(xml);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.file.incoming[0]?.hostname).toBe('&b;');
  });

  it('takes the first of repeated elements and survives attributes on text elements', () => {
    const xml = `<clientConfig><emailProvider><incomingServer type="imap"><hostname lang="x">one.test</hostname><hostname>two.test</hostname><port>993</port><port>143</port><socketType>SSL</socketType></incomingServer></emailProvider></clientConfig>`;
    const parsed = parseAutoconfig(xml);
    expect(parsed.ok && parsed.file.incoming[0]).toMatchObject({ hostname: 'one.test', port: 993 });
  });
});
