import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { SandboxPersonality } from '../../../common/model/sandbox';

const LOGIN_DELAYS_MS = [0, 1000, 3000, 10000];

function delayName(ms: number, intl: IntlShape): string {
  if (ms === 0) return intl.formatMessage({ id: 'sandbox.personality.noDelay', defaultMessage: 'None: answers at once' });
  return intl.formatMessage({ id: 'sandbox.personality.delay', defaultMessage: '{seconds, plural, one {# second} other {# seconds}}' }, { seconds: ms / 1000 });
}

interface PersonalitySwitchesProps {
  personality: SandboxPersonality;
  disabled: boolean;
  onChange: (change: Partial<SandboxPersonality>) => void;
}

/** The sandbox server's behaviours that differ between real servers, each with what it changes. */
export function PersonalitySwitches({ personality, disabled, onChange }: PersonalitySwitchesProps) {
  const intl = useIntl();
  const delays = LOGIN_DELAYS_MS.includes(personality.loginDelayMs) ? LOGIN_DELAYS_MS : [...LOGIN_DELAYS_MS, personality.loginDelayMs].sort((a, b) => a - b);
  return (
    <fieldset className="sandbox-switches">
      <legend>
        <FormattedMessage id="sandbox.personality.legend" defaultMessage="How the sandbox server behaves" />
      </legend>
      <label className="checkbox">
        <input type="checkbox" checked={personality.popMarksSeen} disabled={disabled} onChange={(e) => onChange({ popMarksSeen: e.target.checked })} aria-describedby="switch-pop-seen" />
        <FormattedMessage id="sandbox.personality.popMarksSeen" defaultMessage="POP download marks the message read for IMAP (Dovecot does this)" />
      </label>
      <p className="explanation" id="switch-pop-seen">
        <FormattedMessage
          id="sandbox.personality.popMarksSeen.explanation"
          defaultMessage="When a device downloads a message with POP, devices on IMAP see it as read. Off: POP leaves the read state alone, as some other servers do."
        />
      </p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={personality.uidlFormat === 'changes-on-reset'}
          disabled={disabled}
          onChange={(e) => onChange({ uidlFormat: e.target.checked ? 'changes-on-reset' : 'stable' })}
          aria-describedby="switch-uidl"
        />
        <FormattedMessage id="sandbox.personality.uidl" defaultMessage="UIDLs change when the sandbox is reset" />
      </label>
      <p className="explanation" id="switch-uidl">
        <FormattedMessage
          id="sandbox.personality.uidl.explanation"
          defaultMessage="A POP device recognises messages by their UIDL. If they change, it takes every message for a new one and downloads it again, as after a server move."
        />
      </p>
      <label className="inline" htmlFor="switch-login-delay">
        <FormattedMessage id="sandbox.personality.loginDelay" defaultMessage="Login delay" />
      </label>
      <select id="switch-login-delay" value={personality.loginDelayMs} disabled={disabled} onChange={(e) => onChange({ loginDelayMs: Number(e.target.value) })} aria-describedby="switch-login-delay-words">
        {delays.map((ms) => (
          <option key={ms} value={ms}>
            {delayName(ms, intl)}
          </option>
        ))}
      </select>
      <p className="explanation" id="switch-login-delay-words">
        <FormattedMessage
          id="sandbox.personality.loginDelay.explanation"
          defaultMessage="The server waits this long before it accepts a login (POP and IMAP), like a slow or busy server: watch the devices wait."
        />
      </p>
    </fieldset>
  );
}
