import { defineMessages, type IntlShape } from 'react-intl';

const NAMES = defineMessages({
  imap: { id: 'sandbox.device.laptop', defaultMessage: 'Laptop' },
  pop3: { id: 'sandbox.device.phone', defaultMessage: 'Phone' },
});

/**
 * The names the sandbox's devices get when it starts, in the window's language: main gives them
 * these names (sandbox:try, sandbox:demonstrate), and the guided steps then quote the devices' real
 * names, whatever language they were made in.
 */
export function demoDeviceNames(intl: IntlShape): { imap: string; pop3: string } {
  return { imap: intl.formatMessage(NAMES.imap), pop3: intl.formatMessage(NAMES.pop3) };
}
