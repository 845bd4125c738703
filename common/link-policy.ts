import { visibleForm } from './visible-text';

/**
 * What clicking a link in a message may do. Web links open in the system browser (after the user
 * saw the real host, when the link text names another one); `mailto:` opens our composer with
 * only the harmless fields; every other scheme (file:, smb:, ms-msdt:, javascript:, data: …) is
 * refused. Main checks this again for every request: the renderer is not trusted.
 */
export type LinkDecision =
  | { kind: 'web'; url: string; host: string }
  | { kind: 'mailto'; to: string; cc: string; bcc: string; subject: string; body: string; dropped: string[] }
  | { kind: 'refused'; refusal: LinkRefusal };

/** Why a link is not followed, as a code: the renderer says it in the language shown (renderer/i18n/link-words.ts). */
export type LinkRefusal =
  | { reason: 'too-long' | 'not-an-address' | 'hides-credentials' | 'broken-escape' }
  /** `scheme`: as the URL parser gives it, with its colon ("file:"). */
  | { reason: 'scheme'; scheme: string };

/** Why main did not open a link in the browser: a refusal, or a mail link (those open in the composer). */
export type LinkNotOpened = LinkRefusal | { reason: 'mail-link' };

const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
const MAX_URL = 8_192;

export function classifyLink(href: string): LinkDecision {
  const text = href.trim();
  if (text.length > MAX_URL) return { kind: 'refused', refusal: { reason: 'too-long' } };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'refused', refusal: { reason: 'not-an-address' } };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.username || url.password) return { kind: 'refused', refusal: { reason: 'hides-credentials' } };
    return { kind: 'web', url: url.href, host: url.hostname };
  }
  if (url.protocol === 'mailto:') {
    // RFC 6068 §2: the address part is percent-encoded UTF-8; a broken escape ("%E0%A4%A") is
    // refused with its reason, never thrown at whoever renders the link.
    const path = decodePercent(url.pathname);
    if (path === null) return { kind: 'refused', refusal: { reason: 'broken-escape' } };
    const params = new URLSearchParams(url.search);
    const field = (name: string): string => params.getAll(name).join(', ');
    const dropped = [...new Set([...params.keys()].filter((k) => !MAILTO_FIELDS.has(k.toLowerCase())))];
    return { kind: 'mailto', to: [path, field('to')].filter(Boolean).join(', '), cc: field('cc'), bcc: field('bcc'), subject: field('subject'), body: field('body'), dropped };
  }
  return { kind: 'refused', refusal: { reason: 'scheme', scheme: url.protocol } };
}

/** decodeURIComponent without the throw: null when the escapes are not valid UTF-8. */
function decodePercent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A domain name anywhere in a text: labels of letters, digits and hyphens, ending in a letter label. */
const HOST_IN_TEXT = /(?<![\p{L}\p{N}-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62})\.)+(?:\p{L}[\p{L}\p{N}-]{0,62}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}-])/giu;

/**
 * An IPv4 address in dotted-decimal form, or a bracketed IPv6 address, anywhere in a text
 * ("http://192.168.1.1/login", "Log in at 203.0.113.5 now", "https://[2001:db8::1]/").
 */
const IP_IN_TEXT = /(?<![\p{L}\p{N}.-])(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}-]|\.\d)|\[[0-9a-f:.]{2,45}\]/giu;

/** A host name in the form the URL parser gives it (IDN as ASCII, lower case, no trailing dot). */
function asciiHost(name: string): string | null {
  try {
    return new URL(`http://${name}/`).hostname.replace(/\.+$/, '');
  } catch {
    return null;
  }
}

/** Every host the link's visible text names ("Log in at www.bank.example now" names one). */
function hostsInText(text: string): string[] {
  const hosts: string[] = [];
  const visible = visibleForm(text.slice(0, MAX_URL));
  for (const match of visible.matchAll(HOST_IN_TEXT)) {
    const host = asciiHost(match[0]);
    if (host && !hosts.includes(host)) hosts.push(host);
  }
  // IP literals are hosts too; the URL parser normalises them as it does the link's own host.
  for (const match of visible.matchAll(IP_IN_TEXT)) {
    const host = asciiHost(match[0]);
    if (host && isIpHost(host) && !hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

/** The first host the link's visible text names, if any ("www.bank.com/login", "Log in at bank.com"). */
export function hostInText(text: string): string | null {
  return hostsInText(text)[0] ?? null;
}

/** An address rather than a name: "203.0.113.5" or "[2001:db8::1]" as the URL parser writes them. */
function isIpHost(host: string): boolean {
  return host.startsWith('[') || /^(?:\d{1,3}\.){3}\d{1,3}$/.test(host);
}

/** Whether a host the text names is the real one, or its parent or child ("bank.example" and "www.bank.example"). */
export function sameSite(shown: string, real: string): boolean {
  // An address names one host: no parent or child "site" around it.
  if (isIpHost(shown) || isIpHost(real)) return shown === real;
  return shown === real || real.endsWith(`.${shown}`) || shown.endsWith(`.${real}`);
}

/**
 * True when the visible text of a web link names a host the link does not go to: show the real
 * one first. Mail links are left out: the composer shows the address they write to.
 */
export function hostDiffers(text: string, url: string): boolean {
  const shown = hostsInText(text);
  if (shown.length === 0) return false;
  let real: URL;
  try {
    real = new URL(url.trim());
  } catch {
    return true;
  }
  if (real.protocol === 'mailto:') return false;
  const realHost = real.hostname.toLowerCase().replace(/\.+$/, '');
  return shown.some((host) => !sameSite(host, realHost));
}
