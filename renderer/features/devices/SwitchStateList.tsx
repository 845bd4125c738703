import { stateDirection, type MessageStates, type StateDifference, type SwitchFlag, type SwitchOptions } from '../../../common/model/switch';
import { count } from '../../app/format';

/** Rows shown at once; the rest follow the same rule (the dialog stays usable at 6,000). */
const SHOWN = 100;

const WORDS: Record<SwitchFlag, [string, string]> = {
  '\\Seen': ['read', 'unread'],
  '\\Flagged': ['flagged', 'not flagged'],
  '\\Answered': ['answered', 'not answered'],
};

function describe(d: StateDifference, chosen: boolean, pushStates: boolean): string {
  const [on, off] = WORDS[d.flag];
  const way = stateDirection(d, chosen, pushStates) === 'toServer' ? 'this device → server' : 'server → this device';
  return `${d.here ? on : off} here, ${d.server ? on : off} on the server: ${way}`;
}

/**
 * Each matched message whose read/flag state differs here and on the server, with which way each
 * state goes under the current choices, and a per-message choice to use this device's state.
 */
export function SwitchStateList({ changes, value, onChange }: { changes: MessageStates[]; value: SwitchOptions; onChange: (value: SwitchOptions) => void }) {
  if (!changes.length) return null;
  const chosen = new Set(value.pushMessages ?? []);
  const choose = (id: string, on: boolean): void => onChange({ ...value, pushMessages: on ? [...chosen, id] : [...chosen].filter((c) => c !== id) });
  return (
    <section className="switch-states" aria-label="Read and flag states that differ">
      <p className="explanation">
        Another device may have read or flagged these messages, and POP never told this one. Each line says which way a state will go; tick a message to make the server match this device for it.
      </p>
      <ul className="switch-state-list" data-testid="switch-state-list">
        {changes.slice(0, SHOWN).map((m) => (
          <li key={m.id} data-testid="switch-state-row">
            <label className="checkbox">
              <input type="checkbox" checked={chosen.has(m.id)} onChange={(e) => choose(m.id, e.target.checked)} aria-label={`Use this device’s state for “${m.subject}”`} />
              <span dir="auto" className="switch-state-subject">
                {m.subject || '(no subject)'}
              </span>
            </label>
            <div className="muted switch-state-detail">
              <span dir="auto">{m.from}</span> · {m.folder}
            </div>
            <ul className="switch-state-detail">
              {m.differences.map((d) => (
                <li key={d.flag} data-testid="switch-state-direction">
                  {describe(d, chosen.has(m.id), value.pushStates)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {changes.length > SHOWN && <p className="muted">{count(changes.length - SHOWN, 'more message')} not listed here keep the server’s state, or get this device’s read and flag marks if you tick the box above.</p>}
    </section>
  );
}
