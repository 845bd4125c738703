import { useEffect, useId, useRef, useState } from 'react';
import { useEscapeToClose } from '../../ui/use-escape';

/** What the search box understands, with an example each. */
const OPERATORS: ReadonlyArray<[example: string, meaning: string]> = [
  ['budget report', 'both words, anywhere: sender, recipients, subject, text, attachment names'],
  ['"lunch plans"', 'these words, in this order'],
  ['-draft', 'leave out messages with this word (also -from:bob, -"a phrase")'],
  ['from:ann', 'sender (name or address); also to:, cc:'],
  ['subject:invoice', 'in the subject'],
  ['body:contract', 'in the text only'],
  ['has:attachment', 'with attachments; filename:pdf by name'],
  ['is:unread', 'also is:read, is:flagged'],
  ['in:Archive', 'in one folder, by name; in:"Old projects" for names with spaces'],
  ['after:2026-03-01', 'from this day on; before: up to the day before; also today, yesterday'],
  ['larger:2M', 'larger than a size: 500k, 2M'],
];

/** The "?" beside the search box: a small popover listing what can be typed. */
export function SearchHelp() {
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
      <button ref={button} type="button" className="small search-help-button" aria-expanded={open} aria-controls={id} aria-label="What can be searched" title="What can be searched" onClick={() => setOpen(!open)}>
        ?
      </button>
      {open && (
        <div ref={panel} id={id} className="search-help" role="region" aria-label="What can be searched">
          <p className="search-help-title">Type words, and any of these:</p>
          <dl>
            {OPERATORS.map(([example, meaning]) => (
              <div key={example}>
                <dt>
                  <code>{example}</code>
                </dt>
                <dd>{meaning}</dd>
              </div>
            ))}
          </dl>
          <p className="muted small-print">Case and accents do not matter: “cafe” finds “Café”. Words match by their start: “repo” finds “report”.</p>
        </div>
      )}
    </div>
  );
}
