import type { Ref } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { DEFAULT_PORTS, type Security, type ServerEndpoint } from '../../../common/model/account';

interface EndpointFieldsProps {
  legend: string;
  idPrefix: string;
  service: 'imap' | 'pop3' | 'smtp';
  value: ServerEndpoint;
  onChange: (value: ServerEndpoint) => void;
  /** Set when this server logs in as another one does: the user name shown, and not editable here. */
  sameUserAs?: { user: string; note: string } | null;
  /** For the form to move focus to the host when these fields are the first thing to fill. */
  hostRef?: Ref<HTMLInputElement>;
}

const SECURITY_LABELS: Record<Security, MessageDescriptor> = defineMessages({
  tls: { id: 'setup.security.tls', defaultMessage: 'TLS (encrypted from the start)' },
  starttls: { id: 'setup.security.starttls', defaultMessage: 'STARTTLS' },
  none: { id: 'setup.security.none', defaultMessage: 'None (unencrypted)' },
});

/** The legends of the servers' fieldsets, the same in the setup form and in Settings. */
export const ENDPOINT_LEGENDS = defineMessages({
  imap: { id: 'setup.endpoint.incomingImap', defaultMessage: 'Incoming mail (IMAP)' },
  pop3: { id: 'setup.endpoint.incomingPop3', defaultMessage: 'Incoming mail (POP3)' },
  smtp: { id: 'setup.endpoint.outgoingSmtp', defaultMessage: 'Outgoing mail (SMTP)' },
});

/** Host, port, security and user name of one server; the port follows the security while it is a default. */
export function EndpointFields({ legend, idPrefix, service, value, onChange, sameUserAs = null, hostRef }: EndpointFieldsProps) {
  const intl = useIntl();
  const setSecurity = (security: Security): void => {
    const defaults = DEFAULT_PORTS[service];
    // Follow the port only while it is still the default of the previous choice.
    const port = value.port === defaults[value.security] ? defaults[security] : value.port;
    onChange({ ...value, security, port });
  };
  return (
    <fieldset className="endpoint">
      <legend>{legend}</legend>
      <label htmlFor={`${idPrefix}-host`}>
        <FormattedMessage id="setup.endpoint.server" defaultMessage="Server" />
      </label>
      <input
        id={`${idPrefix}-host`}
        ref={hostRef}
        required
        dir="ltr"
        value={value.host}
        onChange={(e) => onChange({ ...value, host: e.target.value.trim() })}
        placeholder={intl.formatMessage({ id: 'setup.endpoint.hostPlaceholder', defaultMessage: 'mail.example.com' })}
        autoComplete="off"
      />
      <label htmlFor={`${idPrefix}-port`}>
        <FormattedMessage id="setup.endpoint.port" defaultMessage="Port" />
      </label>
      <input id={`${idPrefix}-port`} required type="number" min={1} max={65535} value={value.port} onChange={(e) => onChange({ ...value, port: Number(e.target.value) })} />
      <label htmlFor={`${idPrefix}-security`}>
        <FormattedMessage id="setup.endpoint.security" defaultMessage="Security" />
      </label>
      <select id={`${idPrefix}-security`} value={value.security} onChange={(e) => setSecurity(e.target.value as Security)}>
        {(Object.keys(SECURITY_LABELS) as Security[]).map((s) => (
          <option key={s} value={s}>
            {intl.formatMessage(SECURITY_LABELS[s])}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-user`}>
        <FormattedMessage id="setup.endpoint.user" defaultMessage="User name" />
      </label>
      <input
        id={`${idPrefix}-user`}
        value={sameUserAs ? sameUserAs.user : value.user}
        disabled={sameUserAs !== null}
        title={sameUserAs?.note}
        onChange={(e) => onChange({ ...value, user: e.target.value })}
        autoComplete="username"
      />
    </fieldset>
  );
}
