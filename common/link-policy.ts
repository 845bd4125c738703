/**
 * What clicking a link in a message may do. Web links open in the system browser (after the user
 * saw the real host, when the link text names another one); `mailto:` opens our composer with
 * only the harmless fields; every other scheme (file:, smb:, ms-msdt:, javascript:, data: …) is
 * refused. Main checks this again for every request: the renderer is not trusted.
 */
export type LinkDecision =
  | { kind: 'web'; url: string; host: string }
  | { kind: 'mailto'; to: string; cc: string; bcc: string; subject: string; body: string; dropped: string[] }
  | { kind: 'refused'; reason: string };

const MAILTO_FIELDS = new Set(['to', 'cc', 'bcc', 'subject', 'body']);
const MAX_URL = 8_192;

export function classifyLink(href: string): LinkDecision {
  const text = href.trim();
  if (text.length > MAX_URL) return { kind: 'refused', reason: 'The link is too long.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { kind: 'refused', reason: 'The link is not a valid address.' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.username || url.password) return { kind: 'refused', reason: 'The link hides a user name or password in its address.' };
    return { kind: 'web', url: url.href, host: url.hostname };
  }
  if (url.protocol === 'mailto:') {
    const params = new URLSearchParams(url.search);
    const field = (name: string): string => params.getAll(name).join(', ');
    const dropped = [...new Set([...params.keys()].filter((k) => !MAILTO_FIELDS.has(k.toLowerCase())))];
    const path = decodeURIComponent(url.pathname);
    return { kind: 'mailto', to: [path, field('to')].filter(Boolean).join(', '), cc: field('cc'), bcc: field('bcc'), subject: field('subject'), body: field('body'), dropped };
  }
  return { kind: 'refused', reason: `Links of the kind “${url.protocol}” are not opened from mail.` };
}

/** A host named by the link's visible text, if the text looks like an address ("www.bank.com/login"). */
export function hostInText(text: string): string | null {
  const match = /^\s*(?:https?:\/\/)?((?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,})(?:[/:?#]\S*)?\s*$/u.exec(text);
  return match ? match[1]!.toLowerCase() : null;
}

/** True when the visible text names one host and the link goes to another: show the real one first. */
export function hostDiffers(text: string, url: string): boolean {
  const shown = hostInText(text);
  if (!shown) return false;
  let real: string;
  try {
    real = new URL(url).hostname.toLowerCase();
  } catch {
    return true;
  }
  return shown !== real && !real.endsWith(`.${shown}`) && !shown.endsWith(`.${real}`);
}
