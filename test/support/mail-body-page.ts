import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { RawIntlProvider } from 'react-intl';
import { COMMAND_NAMES, type CommandFunctions, type PortholeApi } from '../../common/contract';
import type { BodyRecord } from '../../common/model/mail';
import type { Result } from '../../common/result';
import { MailBody } from '../../renderer/features/reader/MailBody';
import { sanitizeMail } from '../../renderer/features/reader/sanitize-mail';
import { intl } from '../../renderer/i18n/intl';

/**
 * The reader's message body alone in a page, for Chromium tests of what the frame shows: the
 * real MailBody and sanitizer, with the contract's commands answered by the test's Node side
 * (which runs main's real image fetching) through `window.portholeTestCommand`.
 */
declare global {
  interface Window {
    portholeTestCommand(command: string, params: unknown): Promise<Result<unknown>>;
    showMailBody(body: BodyRecord, sender: string): void;
    sanitizeForTest(html: string, inlineImages?: Array<[string, string]>): ReturnType<typeof sanitizeMail>;
  }
}

const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (params: unknown) => window.portholeTestCommand(name, params)])) as CommandFunctions;
window.porthole = { commands, on: () => () => undefined } satisfies PortholeApi;

const root = createRoot(document.getElementById('root')!);
// Inside the translation layer, as in the app (English: the tests read its words).
window.showMailBody = (body, sender) => root.render(createElement(RawIntlProvider, { value: intl() }, createElement(MailBody, { key: body.messageId, body, sender, onCompose: () => undefined })));
window.sanitizeForTest = (html, inlineImages = []) => sanitizeMail(html, new Map(), [], new Map(inlineImages));
