import { app, type BrowserWindow } from 'electron';
import { classifyLink } from '../../common/link-policy';
import type { PortholeCore } from '../core/porthole-core';

/**
 * Porthole as the system's mail handler: a mailto: link opened anywhere (the command line on
 * Windows and Linux, 'open-url' on macOS, or a second launch) opens our composer with only
 * to/cc/bcc/subject/body; attach= and every other field are dropped. Runs in the instance that
 * holds the single-instance lock: a second launch hands its arguments over ('second-instance').
 */
export function handleMailtoLinks(core: PortholeCore, window: () => BrowserWindow | null, argv: readonly string[]): void {
  app.setAsDefaultProtocolClient('mailto');
  const pending: string[] = [];
  const open = (url: string): void => {
    const decision = classifyLink(url);
    if (decision.kind !== 'mailto') return;
    const target = window();
    if (!target) {
      pending.push(url);
      return;
    }
    if (target.isMinimized()) target.restore();
    target.focus();
    core.emit('compose:request', { to: decision.to, cc: decision.cc, bcc: decision.bcc, subject: decision.subject, body: decision.body });
  };
  const fromArgs = (argv: readonly string[]): void => argv.filter((a) => /^mailto:/i.test(a)).forEach(open);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    open(url);
  });
  app.on('second-instance', (_event, argv) => fromArgs(argv));
  fromArgs(argv);
  app.on('browser-window-created', (_event, created) => {
    created.webContents.once('did-finish-load', () => pending.splice(0).forEach(open));
  });
}
