import { defineMessages, type IntlShape } from 'react-intl';
import type { SampleLanguage } from '../../../common/model/sandbox';
import { languageOfIntl } from '../../i18n/intl';

const NAMES = defineMessages({
  imap: { id: 'sandbox.device.laptop', defaultMessage: 'Laptop' },
  pop3: { id: 'sandbox.device.phone', defaultMessage: 'Phone' },
});

/**
 * The names the sandbox's devices get when it starts, in the window's language: main gives them
 * these names (sandbox:try, sandbox:demonstrate), and the guided steps then quote the devices' real
 * names, whatever language they were made in. With them goes the window's language, which the
 * sandbox's sample mail is written in when its mailbox is first made.
 */
export function demoDeviceNames(intl: IntlShape): { imap: string; pop3: string; language: SampleLanguage } {
  return { imap: intl.formatMessage(NAMES.imap), pop3: intl.formatMessage(NAMES.pop3), language: sampleLanguageOf(intl) };
}

/** The window's language as the sandbox's sample mail is written in it (a language shown has its sample). */
export function sampleLanguageOf(intl: IntlShape): SampleLanguage {
  return languageOfIntl(intl);
}
