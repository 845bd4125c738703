import { describe, expect, it } from 'vitest';
import { classifyLink, hostDiffers, hostInText } from '../../../common/link-policy';

describe('classifyLink', () => {
  it('opens http and https links in the browser', () => {
    expect(classifyLink('https://example.com/a?b=1')).toEqual({ kind: 'web', url: 'https://example.com/a?b=1', host: 'example.com' });
    expect(classifyLink(' HTTP://Example.COM ')).toMatchObject({ kind: 'web', host: 'example.com' });
  });

  it.each(['file:///etc/passwd', 'smb://evil/share', 'ms-msdt:/id PCWDiagnostic', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://x/y', 'vbscript:msgbox', 'chrome://settings', 'about:blank', 'not a url'])('refuses %s', (href) => {
    expect(classifyLink(href).kind).toBe('refused');
  });

  it('refuses web links that carry credentials', () => {
    expect(classifyLink('https://user:pass@example.com/')).toEqual({ kind: 'refused', refusal: { reason: 'hides-credentials' } });
  });

  it('says why it refuses, as a code with the scheme refused', () => {
    expect(classifyLink('file:///etc/passwd')).toEqual({ kind: 'refused', refusal: { reason: 'scheme', scheme: 'file:' } });
    expect(classifyLink('not a url')).toEqual({ kind: 'refused', refusal: { reason: 'not-an-address' } });
    expect(classifyLink(`https://example.com/${'a'.repeat(9_000)}`)).toEqual({ kind: 'refused', refusal: { reason: 'too-long' } });
  });

  it('turns mailto into a composer draft and drops attach= and other fields', () => {
    expect(classifyLink('mailto:ann@example.com?subject=Hi%20there&body=Hello&attach=/etc/passwd&Attachment=x&cc=b@example.com')).toEqual({
      kind: 'mailto',
      to: 'ann@example.com',
      cc: 'b@example.com',
      bcc: '',
      subject: 'Hi there',
      body: 'Hello',
      dropped: ['attach', 'Attachment'],
    });
  });
});

describe('hostDiffers', () => {
  it('notices link text that names another host', () => {
    expect(hostInText('www.mybank.com')).toBe('www.mybank.com');
    expect(hostDiffers('www.mybank.com', 'https://evil.example/login')).toBe(true);
    expect(hostDiffers('https://mybank.com/login', 'https://mybank.com/login?x=1')).toBe(false);
    expect(hostDiffers('mybank.com', 'https://www.mybank.com/')).toBe(false);
    expect(hostDiffers('Click here', 'https://evil.example/')).toBe(false);
  });
});

/** A small deterministic generator, so a failing input can be found again from the seed. */
function randomStrings(seed: number, count: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state;
  };
  const pieces = ['%', '%E0', '%A4', '%A', '%%', '%ZZ', '%C0%80', '%ED%A0%80', '%FF', 'mailto:', 'https://', 'http://', '@', '?', '&', '=', '#', '/', ':', '.', '．', '。', '\u200B', '\u202E', '\uD800', '\uDC00', 'xn--', '[', ']', '::1', '0x7f', ' ', '\t', '\n', 'a', 'bank', 'example', 'to=', 'body=', 'subject=', '\u0000', 'é', '日本'];
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = next() % 24;
    for (let j = 0; j < length; j++) text += next() % 3 === 0 ? String.fromCharCode(next() % 0x10000) : pieces[next() % pieces.length]!;
    strings.push(text);
  }
  return strings;
}

describe('hostile links never throw', () => {
  it('refuses a mailto: link with a broken percent-escape instead of throwing', () => {
    const decision = classifyLink('mailto:%E0%A4%A@evil.test');
    expect(decision).toEqual({ kind: 'refused', refusal: { reason: 'broken-escape' } });
    for (const href of ['mailto:%', 'mailto:%E0%A4%A@evil.test?subject=%E0%A4%A', 'mailto:%ED%A0%80@x.test', 'mailto:?to=%E0%A4%A', 'https://x.test/%E0%A4%A']) {
      expect(() => classifyLink(href), href).not.toThrow();
    }
  });

  it('classifies and compares thousands of random strings without throwing', () => {
    for (const text of randomStrings(11, 4_000)) {
      expect(() => classifyLink(text), JSON.stringify(text)).not.toThrow();
      expect(() => classifyLink(`mailto:${text}`), JSON.stringify(text)).not.toThrow();
      expect(() => hostDiffers(text, `https://${text}`), JSON.stringify(text)).not.toThrow();
      expect(() => hostDiffers(text, 'https://bank.example/'), JSON.stringify(text)).not.toThrow();
    }
  });
});

describe('hostDiffers sees a host however the text disguises it', () => {
  it.each([
    ['Log in at www.bank.example now', 'a host inside a sentence'],
    ['Your account: https://www.bank.example/login (secure)', 'a URL inside a sentence'],
    ['www.bank.example.', 'a trailing dot'],
    ['www.bank\u200B.example', 'a zero-width space'],
    ['www.ba\u200Dnk.example', 'a zero-width joiner'],
    ['www\uFF0Ebank\uFF0Eexample', 'full-width dots'],
    ['www\u3002bank\u3002example', 'ideographic full stops'],
    ['ｗｗｗ.ｂａｎｋ.ｅｘａｍｐｌｅ', 'full-width letters'],
    ['WWW.BANK.EXAMPLE', 'capitals'],
    ['\u202Ewww.bank.example', 'a bidi override'],
    ['bücher.example', 'an international name'],
  ])('notices %j (%s) on a link to another host', (text) => {
    expect(hostDiffers(text, 'https://evil.test/login')).toBe(true);
  });

  it('does not ask when the text names the real host, however written', () => {
    expect(hostDiffers('Log in at www.bank.example now', 'https://www.bank.example/login')).toBe(false);
    expect(hostDiffers('www.bank.example.', 'https://www.bank.example/')).toBe(false);
    expect(hostDiffers('www.bank.example', 'https://www.bank.example./')).toBe(false);
    expect(hostDiffers('www\uFF0Ebank\uFF0Eexample', 'https://www.bank.example/')).toBe(false);
    expect(hostDiffers('bücher.example', 'https://xn--bcher-kva.example/')).toBe(false);
    expect(hostDiffers('Read more', 'https://anything.test/')).toBe(false);
    expect(hostDiffers('Version 1.2 is out', 'https://anything.test/')).toBe(false);
  });

  it('asks when any host named in the text is not the real one', () => {
    expect(hostDiffers('bank.example or www.bank.example.evil.test', 'https://www.bank.example.evil.test/')).toBe(true);
  });

  it('leaves mail links to the composer, which shows the address', () => {
    expect(hostDiffers('Write to help@bank.example', 'mailto:help@bank.example')).toBe(false);
  });

  // Issue 11: link text naming an IP address was not compared with the real host.
  it.each([
    ['http://192.168.1.1/login', 'a URL to an address'],
    ['https://10.0.0.1', 'a bare URL to an address'],
    ['Log in at 203.0.113.5 now', 'an address in a sentence'],
    ['Log in at 203.0.113.5.', 'an address before a full stop'],
    ['\uFF12\uFF10\uFF13.0.113.5', 'full-width digits'],
    ['https://[2001:db8::1]/login', 'a bracketed IPv6 address'],
  ])('notices an IP address in %j (%s) on a link to another host', (text) => {
    expect(hostDiffers(text, 'https://evil.test/login')).toBe(true);
  });

  it('compares IP addresses in the text with the real host after URL normalisation', () => {
    expect(hostDiffers('http://192.168.1.1/login', 'http://192.168.1.1/login')).toBe(false);
    expect(hostDiffers('Log in at 203.0.113.5 now', 'https://203.0.113.5:8443/')).toBe(false);
    expect(hostDiffers('https://[2001:DB8:0::1]/', 'https://[2001:db8::1]/x')).toBe(false);
    // The URL parser reads "0xCB.0.113.5" as 203.0.113.5: the same host.
    expect(hostDiffers('203.0.113.5', 'https://0xCB.0.113.5/')).toBe(false);
    expect(hostDiffers('203.0.113.5', 'https://203.0.113.6/')).toBe(true);
    // No parent-site match for addresses: "0.113.5" is not a site above "203.0.113.5".
    expect(hostDiffers('10.0.0.1', 'https://110.0.0.1/')).toBe(true);
    expect(hostDiffers('192.168.1.1', 'https://192.168.1.1.evil.test/')).toBe(true);
    // Not addresses: versions, numbers out of range, more than four parts.
    expect(hostDiffers('Version 1.2.3 is out', 'https://anything.test/')).toBe(false);
    expect(hostDiffers('Build 300.1.2.3', 'https://anything.test/')).toBe(false);
    expect(hostDiffers('OID 1.2.3.4.5', 'https://anything.test/')).toBe(false);
    expect(hostInText('Log in at 203.0.113.5 now')).toBe('203.0.113.5');
  });

  it('finds the first host in the text', () => {
    expect(hostInText('Log in at www.bank.example. Thanks')).toBe('www.bank.example');
    expect(hostInText('Click here')).toBeNull();
  });
});
