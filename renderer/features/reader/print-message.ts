import type { MessageRecord } from '../../../common/model/mail';
import { readDb } from '../../cache/read-db';
import { formatAddressList } from '../../../common/compose/reply';
import { escapeHtml } from '../../../common/escape-html';
import { intl } from '../../i18n/intl';
import { loadInlineImages } from './inline-images';
import { MAIL_FRAME_CSP, sanitizeMail } from './sanitize-mail';
import { headerDate } from '../message-list/list-dates';

type PrintedMessage = Pick<MessageRecord, 'subject' | 'from' | 'to' | 'cc' | 'date'>;

const SHEET_STYLE = 'body{font-family:system-ui,sans-serif;margin:0;color:#000;background:#fff;overflow-wrap:anywhere}header{border-bottom:1px solid #999;margin-bottom:12px;padding-bottom:8px}h1{font-size:1.3em;margin:0 0 6px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0;font-size:0.9em}dt{color:#555}dd{margin:0}pre{white-space:pre-wrap;font-family:inherit}img{max-width:100%;height:auto}article+article{border-top:2px solid #000;margin-top:18px;padding-top:12px}.count{margin:0 0 12px;color:#555}.missing{color:#555;font-style:italic}';

/** The page around printed content: the reader frame's policy (no script, images only as data:), nothing of the app. */
function sheet(title: string, content: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MAIL_FRAME_CSP}"><title>${escapeHtml(title)}</title><style>${SHEET_STYLE}</style></head><body dir="auto">${content}</body></html>`;
}

/** The subject as printed, or that there is none. */
function subjectOf(subject: string): string {
  return subject || intl().formatMessage({ id: 'reader.noSubject', defaultMessage: '(no subject)' });
}

/** A message's From, To, Cc and date, as printed (the labels and the date in the language shown). */
function headerList(message: PrintedMessage): string {
  const shown = intl();
  const headers: Array<[string, string]> = [
    [shown.formatMessage({ id: 'reader.header.from', defaultMessage: 'From' }), formatAddressList(message.from)],
    [shown.formatMessage({ id: 'reader.header.to', defaultMessage: 'To' }), formatAddressList(message.to)],
    ...(message.cc.length ? ([[shown.formatMessage({ id: 'reader.header.cc', defaultMessage: 'Cc' }), formatAddressList(message.cc)]] as Array<[string, string]>) : []),
    // A message without a real date (date 0) prints none, as the reader shows none.
    ...(message.date > 0 ? ([[shown.formatMessage({ id: 'reader.header.date', defaultMessage: 'Date' }), headerDate(message.date, shown)]] as Array<[string, string]>) : []),
  ];
  return `<dl>${headers.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd dir="auto">${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

/** A body as the reader shows it: sanitized HTML with its own images, or the text. */
function bodyContent(body: { html: string | null; text: string }, inlineImages: ReadonlyMap<string, string>): string {
  return body.html ? sanitizeMail(body.html, new Map(), [], inlineImages).html : `<pre>${escapeHtml(body.text)}</pre>`;
}

/**
 * The page printed for one message: its headers, then its body as the reader shows it (sanitized
 * HTML with its own images, or the text), and nothing of the app. The same policy as the reader's
 * frame: no script, images only as data: (remote ones stay out, as they are until asked for).
 */
export function printDocument(message: PrintedMessage, body: { html: string | null; text: string }, inlineImages: ReadonlyMap<string, string>): string {
  const subject = subjectOf(message.subject);
  return sheet(subject, `<header><h1 dir="auto">${escapeHtml(subject)}</h1>${headerList(message)}</header><main>${bodyContent(body, inlineImages)}</main>`);
}

/** One message of a printed conversation: its body, or why it is missing (`problem`). */
export interface PrintedPart {
  message: PrintedMessage;
  body: { html: string | null; text: string } | null;
  inlineImages: ReadonlyMap<string, string>;
  problem?: string;
}

/** The page printed for a conversation: its subject once, then every message oldest first, each with its headers and body. */
export function conversationDocument(subject: string, parts: readonly PrintedPart[]): string {
  const title = subjectOf(subject);
  const articles = parts.map(({ message, body, inlineImages, problem }) => {
    const content = body ? bodyContent(body, inlineImages) : `<p class="missing">${escapeHtml(problem ?? intl().formatMessage({ id: 'reader.print.notHere', defaultMessage: 'This message’s text is not on this computer.' }))}</p>`;
    return `<article><header>${headerList(message)}</header><main>${content}</main></article>`;
  });
  const count = intl().formatMessage({ id: 'reader.print.count', defaultMessage: '{count, plural, one {# message} other {# messages}}' }, { count: parts.length });
  return sheet(title, `<h1 dir="auto">${escapeHtml(title)}</h1><p class="count">${escapeHtml(count)}</p>${articles.join('')}`);
}

/**
 * Prints a conversation, oldest first: each message's text is read from the cache, or fetched
 * (`fetchBody`, never marking it read) when it is not there; one that cannot be had is printed
 * with its headers and a line saying so.
 */
export async function printConversation(dbName: string, subject: string, messages: readonly MessageRecord[], fetchBody: (messageId: string) => Promise<string | null>): Promise<void> {
  const db = readDb(dbName);
  const parts: PrintedPart[] = [];
  for (const message of messages) {
    let body = await db.bodies.get(message.id);
    let problem: string | undefined;
    if (!body) {
      const failure = await fetchBody(message.id);
      body = failure === null ? await db.bodies.get(message.id) : undefined;
      problem = failure === null ? undefined : intl().formatMessage({ id: 'reader.print.fetchFailed', defaultMessage: 'Its text could not be fetched: {reason}' }, { reason: failure });
    }
    parts.push({ message, body: body ?? null, inlineImages: body ? await loadInlineImages(dbName, body) : new Map(), problem });
  }
  await printSheet(conversationDocument(subject, parts));
}

/**
 * Prints a message through a hidden frame holding only printDocument: the system's print dialog
 * (Chromium's, Electron's webContents) sees the message, not the window. The frame runs no script
 * (sandbox without allow-scripts); the app calls its print() and removes it once that returns.
 * Says why when the message cannot be printed.
 */
export async function printMessage(dbName: string, message: MessageRecord): Promise<string | null> {
  const body = await readDb(dbName).bodies.get(message.id);
  if (!body) return intl().formatMessage({ id: 'reader.print.notDownloaded', defaultMessage: 'This message is not downloaded yet: open it, then print it.' });
  await printSheet(printDocument(message, body, await loadInlineImages(dbName, body)));
  return null;
}

/** Hands one printDocument page to the print dialog through a hidden frame that runs no script, removed once print() returns. */
export async function printSheet(sheet: string): Promise<void> {
  const frame = document.createElement('iframe');
  frame.title = intl().formatMessage({ id: 'reader.print', defaultMessage: 'Print' });
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
