import type { MessageRecord } from '../../../common/model/mail';
import { readDb } from '../../cache/read-db';
import { formatAddressList } from '../../../common/compose/reply';
import { escapeHtml } from '../../../common/escape-html';
import { loadInlineImages } from './inline-images';
import { MAIL_FRAME_CSP, sanitizeMail } from './sanitize-mail';

/**
 * The page printed for one message: its headers, then its body as the reader shows it (sanitized
 * HTML with its own images, or the text), and nothing of the app. The same policy as the reader's
 * frame: no script, images only as data: (remote ones stay out, as they are until asked for).
 */
export function printDocument(message: Pick<MessageRecord, 'subject' | 'from' | 'to' | 'cc' | 'date'>, body: { html: string | null; text: string }, inlineImages: ReadonlyMap<string, string>): string {
  const headers: Array<[string, string]> = [
    ['From', formatAddressList(message.from)],
    ['To', formatAddressList(message.to)],
    ...(message.cc.length ? ([['Cc', formatAddressList(message.cc)]] as Array<[string, string]>) : []),
    ['Date', new Date(message.date).toLocaleString()],
  ];
  const content = body.html ? sanitizeMail(body.html, new Map(), [], inlineImages).html : `<pre>${escapeHtml(body.text)}</pre>`;
  const subject = escapeHtml(message.subject || '(no subject)');
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><title>${subject}</title><style>body{font-family:system-ui,sans-serif;margin:0;color:#000;background:#fff;overflow-wrap:anywhere}header{border-bottom:1px solid #999;margin-bottom:12px;padding-bottom:8px}h1{font-size:1.3em;margin:0 0 6px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:0.9em}dt{color:#555}dd{margin:0}pre{white-space:pre-wrap;font-family:inherit}img{max-width:100%;height:auto}</style></head><body dir="auto"><header><h1 dir="auto">${subject}</h1><dl>${headers.map(([name, value]) => `<dt>${name}</dt><dd dir="auto">${escapeHtml(value)}</dd>`).join('')}</dl></header><main>${content}</main></body></html>`;
}

/**
 * Prints a message through a hidden frame holding only printDocument: the system's print dialog
 * (Chromium's, Electron's webContents) sees the message, not the window. The frame runs no script
 * (sandbox without allow-scripts); the app calls its print() and removes it once that returns.
 * Says why when the message cannot be printed.
 */
export async function printMessage(dbName: string, message: MessageRecord): Promise<string | null> {
  const body = await readDb(dbName).bodies.get(message.id);
  if (!body) return 'This message is not downloaded yet: open it, then print it.';
  await printSheet(printDocument(message, body, await loadInlineImages(dbName, body)));
  return null;
}

/** Hands one printDocument page to the print dialog through a hidden frame that runs no script, removed once print() returns. */
export async function printSheet(sheet: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.title = 'Print';
  frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;visibility:hidden';
  frame.srcdoc = sheet;
  const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
  document.body.appendChild(frame);
  await loaded;
  try {
    frame.contentWindow?.print();
  } finally {
    frame.remove();
  }
}
