import { useEffect, useId, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { useEscapeToClose } from '../../ui/use-escape';

/** Free words, given as examples in the language shown (the operators are typed the same in every language). */
const examples = defineMessages({
  words: { id: 'search.help.example.words', defaultMessage: 'budget report' },
  phrase: { id: 'search.help.example.phrase', defaultMessage: '"lunch plans"' },
  without: { id: 'search.help.example.without', defaultMessage: '-draft' },
});

const meanings = defineMessages({
  words: { id: 'search.help.words', defaultMessage: 'both words, anywhere: sender, recipients, subject, text, attachment names' },
  phrase: { id: 'search.help.phrase', defaultMessage: 'these words, in this order' },
  without: { id: 'search.help.without', defaultMessage: 'leave out messages with this word (also -from:bob, -"a phrase")' },
  from: { id: 'search.help.from', defaultMessage: 'sender (name or address); also to:, cc:' },
  subject: { id: 'search.help.subject', defaultMessage: 'in the subject' },
  body: { id: 'search.help.body', defaultMessage: 'in the text only' },
  attachment: { id: 'search.help.attachment', defaultMessage: 'with attachments; filename:pdf by name' },
  unread: { id: 'search.help.unread', defaultMessage: 'also is:read, is:flagged' },
  folder: { id: 'search.help.folder', defaultMessage: 'in one folder, by name; in:"Old projects" for names with spaces' },
  after: { id: 'search.help.after', defaultMessage: 'from this day on; before: up to the day before; also today, yesterday' },
  larger: { id: 'search.help.larger', defaultMessage: 'larger than a size: 500k, 2M' },
});

/** What the search box understands, with an example each. */
const OPERATORS: ReadonlyArray<[example: string | MessageDescriptor, meaning: MessageDescriptor]> = [
  [examples.words, meanings.words],
  [examples.phrase, meanings.phrase],
  [examples.without, meanings.without],
  ['from:ann', meanings.from],
  ['subject:invoice', meanings.subject],
  ['body:contract', meanings.body],
  ['has:attachment', meanings.attachment],
  ['is:unread', meanings.unread],
  ['in:Archive', meanings.folder],
  ['after:2026-03-01', meanings.after],
  ['larger:2M', meanings.larger],
];

/** The sign on the help button (its aria-label names it). */
const HELP_SIGN = '?';

/** The "?" beside the search box: a small popover listing what can be typed. */
export function SearchHelp() {
  const intl = useIntl();
  const label = intl.formatMessage({ id: 'search.help.label', defaultMessage: 'What can be searched' });
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  useEscapeToClose(close, open);
  // A click elsewhere closes it, as a menu would.
  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  return (
    <div className="search-help-anchor">
      <button ref={button} type="button" className="small search-help-button" aria-expanded={open} aria-controls={id} aria-label={label} title={label} onClick={() => setOpen(!open)}>
        {HELP_SIGN}
      </button>
      {open && (
        <div ref={panel} id={id} className="search-help" role="region" aria-label={label}>
          <p className="search-help-title">
            <FormattedMessage id="search.help.title" defaultMessage="Type words, and any of these:" />
          </p>
          <dl>
            {OPERATORS.map(([example, meaning]) => (
              <div key={meaning.id}>
                <dt>
                  <code>{typeof example === 'string' ? example : intl.formatMessage(example)}</code>
                </dt>
                <dd>{intl.formatMessage(meaning)}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small-print">
            <FormattedMessage id="search.help.matching" defaultMessage="Case and accents do not matter: “cafe” finds “Café”. Words match by their start: “repo” finds “report”." />
          </p>
        </div>
      )}
    </div>
  );
}
