import { defineMessage, FormattedMessage, useIntl } from 'react-intl';
import type { AccountSummary } from '../../../common/model/account';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { demoDeviceNames } from './demo-names';

/** What the sandbox is, in one sentence: wherever the user is offered it. */
export const SANDBOX_IN_ONE_SENTENCE = defineMessage({
  id: 'sandbox.inOneSentence',
  defaultMessage: 'A private mail server inside Porthole, with sample mail: no real account, and nothing leaves this computer.',
});

interface LaunchProps {
  /** The sandbox account, as main returned it (its accounts:changed event may still be on its way). */
  onOpened: (account: AccountSummary) => void;
  className?: string;
}

/** A button that runs one of the sandbox commands answering with its account, and says it is working. */
function SandboxAccountButton({ command, label, working, title, onOpened, className }: LaunchProps & { command: 'sandbox:try' | 'sandbox:demonstrate'; label: string; working: string; title?: string }) {
  const intl = useIntl();
  const action = useCommand(command);
  const start = async (): Promise<void> => {
    const account = await action.run(demoDeviceNames(intl));
    if (account) onOpened(account);
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void start()} disabled={action.pending} title={title}>
        {label}
      </button>
      {action.pending && (
        <span className="muted small" role="status">
          {working}
        </span>
      )}
      <ErrorText error={action.error} onDismiss={() => action.clearError()} />
    </>
  );
}

/** "Try the sandbox": starts the built-in server and opens its mailbox as an account (the one there is, if any). */
export function TrySandboxButton(props: LaunchProps) {
  const intl = useIntl();
  return (
    <SandboxAccountButton
      {...props}
      command="sandbox:try"
      label={intl.formatMessage({ id: 'sandbox.launch.try', defaultMessage: 'Try the sandbox' })}
      working={intl.formatMessage({ id: 'sandbox.launch.starting', defaultMessage: 'Starting the sandbox…' })}
    />
  );
}

/** "Demonstrate POP vs IMAP": the sandbox as a Laptop on IMAP and a Phone on POP, side by side. */
export function DemonstrateButton(props: LaunchProps) {
  const intl = useIntl();
  const { imap: laptop, pop3: phone } = demoDeviceNames(intl);
  return (
    <SandboxAccountButton
      {...props}
      command="sandbox:demonstrate"
      label={intl.formatMessage({ id: 'sandbox.launch.demonstrate', defaultMessage: 'Demonstrate POP vs IMAP' })}
      working={intl.formatMessage({ id: 'sandbox.launch.preparing', defaultMessage: 'Preparing the {laptop} and the {phone}…' }, { laptop, phone })}
      title={intl.formatMessage({ id: 'sandbox.launch.demonstrate.title', defaultMessage: 'A {laptop} on IMAP and a {phone} on POP, side by side with the server, and guided steps' }, { laptop, phone })}
    />
  );
}

/** The first-run offer, above the account form: the sandbox first, a real account below. */
export function SandboxOffer({ onOpened }: { onOpened: (account: AccountSummary) => void }) {
  const intl = useIntl();
  return (
    <section className="sandbox-offer" aria-labelledby="sandbox-offer-title">
      <h2 id="sandbox-offer-title">
        <FormattedMessage id="sandbox.offer.title" defaultMessage="New to Porthole? Try it with the sandbox" />
      </h2>
      <p>{intl.formatMessage(SANDBOX_IN_ONE_SENTENCE)}</p>
      <div className="sandbox-offer-actions">
        <TrySandboxButton className="primary big" onOpened={onOpened} />
      </div>
      <p className="muted small">
        <FormattedMessage id="sandbox.offer.ownAccount" defaultMessage="Or add your own mail account below." />
      </p>
    </section>
  );
}

/** The sandbox from the sidebar once accounts exist: open it, or demonstrate with it. */
export function SandboxShortcuts({ hasSandbox, onOpened, onDemonstrating }: { hasSandbox: boolean; onOpened: (account: AccountSummary) => void; onDemonstrating: (account: AccountSummary) => void }) {
  const intl = useIntl();
  return (
    <div className="sandbox-shortcuts" role="group" aria-label={intl.formatMessage({ id: 'sandbox.common.name', defaultMessage: 'Sandbox' })}>
      {!hasSandbox && <TrySandboxButton className="small" onOpened={onOpened} />}
      <DemonstrateButton className="small" onOpened={onDemonstrating} />
    </div>
  );
}
