import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { completionsFor, groupMembersToAdd, type Completion, type PreparedBook } from '../../../common/compose/address-completion';
import { entryAt, replaceEntry } from '../../../common/compose/recipient-text';
import { formatAddress, formatAddressList } from '../../../common/compose/reply';
import { useEscapeToClose } from '../../ui/use-escape';

interface RecipientFieldProps {
  name: 'to' | 'cc' | 'bcc';
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The recipient checks run when the user leaves the field (a slip is not flagged mid-word). */
  onLeave: () => void;
  autoFocus: boolean;
  /** The contacts store, prepared; undefined while it loads (the field works, completing nothing). */
  book: PreparedBook | undefined;
  /** Addresses already in the message (any of its fields), lower case: not offered again. */
  already: ReadonlySet<string>;
}

function optionText(c: Completion, intl: IntlShape): { main: string; detail: string } {
  if (c.kind === 'contact') return { main: c.contact.name || c.contact.address, detail: c.contact.name ? c.contact.address : '' };
  const detail = intl.formatMessage(
    { id: 'composer.completion.together', defaultMessage: '{count, plural, one {written to together once} =2 {written to together twice} other {written to together {count} times}}' },
    { count: c.group.count },
  );
  return { main: c.group.members.map((m) => m.name || m.address).join(', '), detail };
}

/**
 * A To, Cc or Bcc field that completes what is typed from everyone the user wrote to or heard from
 * (a combobox: ↓ and ↑ choose, Enter or Tab takes the choice, Escape closes the list and only the
 * list). The text stays free: anything typed is sent as typed.
 */
export function RecipientField({ name, label, value, onChange, onLeave, autoFocus, book, already }: RecipientFieldProps) {
  const intl = useIntl();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [typing, setTyping] = useState<{ caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const [caretAfterChange, setCaretAfterChange] = useState<number | null>(null);
  // Ranking by how lately: the composer's opening is "now" enough.
  const [now] = useState(() => Date.now());

  const entry = typing ? entryAt(value, typing.caret) : null;
  const typed = entry?.text ?? '';
  const options = useMemo(() => {
    if (!book || typed.trim().length === 0) return [];
    // The entry being typed does not hide itself: "ann@x" typed whole still offers Ann's name.
    const others = new Set([...already].filter((a) => a !== typed.trim().toLowerCase()));
    return completionsFor(typed, book, { now, already: others });
  }, [typed, book, already, now]);
  const open = options.length > 0;
  const chosen = Math.min(active, options.length - 1);

  useEscapeToClose(() => setTyping(null), open);

  // Where the caret goes after a completion: after the separator it added.
  useLayoutEffect(() => {
    if (caretAfterChange === null || !input.current) return;
    input.current.setSelectionRange(caretAfterChange, caretAfterChange);
    setCaretAfterChange(null);
  }, [caretAfterChange]);

  const take = (c: Completion): void => {
    if (!entry) return;
    const replacement = c.kind === 'contact' ? formatAddress({ name: c.contact.name, address: c.contact.address }) : formatAddressList(groupMembersToAdd(c.group, already));
    const next = replaceEntry(value, entry, replacement);
    onChange(next.text);
    setCaretAfterChange(next.caret);
    setTyping(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((chosen + step + options.length) % options.length);
    } else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || (event.key === 'Tab' && !event.shiftKey)) {
      // Enter would send the message (the form's submit): with the list open it takes the choice.
      event.preventDefault();
      take(options[chosen]!);
    }
  };

  const id = `compose-${name}`;
  return (
    <div className="compose-field recipient-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${chosen}` : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          onChange(e.target.value);
          setTyping({ caret: e.target.selectionStart ?? e.target.value.length });
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTyping(null);
          onLeave();
        }}
        autoFocus={autoFocus}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={intl.formatMessage({ id: 'composer.completion.label', defaultMessage: 'Addresses for {field}' }, { field: label })} className="completions">
          {options.map((c, i) => {
            const text = optionText(c, intl);
            return (
              <li
                key={c.kind === 'contact' ? c.contact.address : `group ${c.group.key}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === chosen}
                className={c.kind === 'group' ? 'completion group' : 'completion'}
                // Keeps the focus in the field, so the list is not closed by its blur first.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => take(c)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="completion-main" dir="auto">
                  {text.main}
                </span>
                {text.detail && (
                  <span className="completion-detail muted" dir="auto">
                    {text.detail}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
