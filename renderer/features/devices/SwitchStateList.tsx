import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { stateDirection, type MessageStates, type StateDifference, type SwitchFlag, type SwitchOptions } from '../../../common/model/switch';
import { folderPathName } from '../../i18n/folder-names';

/** Rows shown at once; the rest follow the same rule (the dialog stays usable at 6,000). */
const SHOWN = 100;

/** One flag's state here and on the server, and which way it goes: "read here, unread on the server: server → this device". */
const WORDS = defineMessages<SwitchFlag>({
  '\\Seen': {
    id: 'devices.states.seen',
    defaultMessage:
      '{here, select, yes {read} other {unread}} here, {server, select, yes {read} other {unread}} on the server: {way, select, toServer {this device → server} other {server → this device}}',
  },
  '\\Flagged': {
    id: 'devices.states.flagged',
    defaultMessage:
      '{here, select, yes {flagged} other {not flagged}} here, {server, select, yes {flagged} other {not flagged}} on the server: {way, select, toServer {this device → server} other {server → this device}}',
  },
  '\\Answered': {
    id: 'devices.states.answered',
    defaultMessage:
      '{here, select, yes {answered} other {not answered}} here, {server, select, yes {answered} other {not answered}} on the server: {way, select, toServer {this device → server} other {server → this device}}',
  },
});

function describe(d: StateDifference, chosen: boolean, pushStates: boolean, intl: IntlShape): string {
  const isOn = (on: boolean): string => (on ? 'yes' : 'no');
  return intl.formatMessage(WORDS[d.flag], { here: isOn(d.here), server: isOn(d.server), way: stateDirection(d, chosen, pushStates) });
}

/**
 * Each matched message whose read/flag state differs here and on the server, with which way each
 * state goes under the current choices, and a per-message choice to use this device's state.
 */
export function SwitchStateList({ changes, value, onChange }: { changes: MessageStates[]; value: SwitchOptions; onChange: (value: SwitchOptions) => void }) {
  const intl = useIntl();
  if (!changes.length) return null;
  const chosen = new Set(value.pushMessages ?? []);
  const choose = (id: string, on: boolean): void => onChange({ ...value, pushMessages: on ? [...chosen, id] : [...chosen].filter((c) => c !== id) });
  return (
    <section className="switch-states" aria-label={intl.formatMessage({ id: 'devices.states.label', defaultMessage: 'Read and flag states that differ' })}>
      <p className="explanation">
        <FormattedMessage
          id="devices.states.explanation"
          defaultMessage="Another device may have read or flagged these messages, and POP never told this one. Each line says which way a state will go; tick a message to make the server match this device for it."
        />
      </p>
      <ul className="switch-state-list" data-testid="switch-state-list">
        {changes.slice(0, SHOWN).map((m) => (
          <li key={m.id} data-testid="switch-state-row">
            <label className="checkbox">
              <input type="checkbox" checked={chosen.has(m.id)} onChange={(e) => choose(m.id, e.target.checked)} aria-label={intl.formatMessage({ id: 'devices.states.useHere', defaultMessage: 'Use this device’s state for “{subject}”' }, { subject: m.subject })} />
              <span dir="auto" className="switch-state-subject">
                {m.subject || intl.formatMessage({ id: 'devices.common.noSubject', defaultMessage: '(no subject)' })}
              </span>
            </label>
            <div className="muted switch-state-detail">
              <FormattedMessage id="devices.states.fromAndFolder" defaultMessage="{from} · {folder}" values={{ from: <span dir="auto">{m.from}</span>, folder: folderPathName(m.folder, intl) }} />
            </div>
            <ul className="switch-state-detail">
              {m.differences.map((d) => (
                <li key={d.flag} data-testid="switch-state-direction">
                  {describe(d, chosen.has(m.id), value.pushStates, intl)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {changes.length > SHOWN && (
        <p className="muted">
          <FormattedMessage
            id="devices.states.more"
            defaultMessage="{count, plural, one {# more message} other {# more messages}} not listed here keep the server’s state, or get this device’s read and flag marks if you tick the box above."
            values={{ count: changes.length - SHOWN }}
          />
        </p>
      )}
    </section>
  );
}
