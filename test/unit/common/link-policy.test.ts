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
    expect(classifyLink('https://user:pass@example.com/').kind).toBe('refused');
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
