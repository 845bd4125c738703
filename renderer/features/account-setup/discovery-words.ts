import type { IntlShape } from 'react-intl';
import type { AppPasswordPlace, DiscoveryWarningWords, FoundWhere, PasswordNote } from '../../../common/model/discovery';
import { intl as currentIntl } from '../../i18n/intl';

/**
 * What discovery found and warns about, in the language shown: main sends the values beside its
 * English (common/model/discovery.ts). Host and provider names stay as they are.
 */

/** Where a proposal was found, to end the settings sentence: "found in example.com’s published settings (autoconfig)". */
export function foundWhereText(where: FoundWhere, intl: IntlShape = currentIntl()): string {
  switch (where.kind) {
    case 'providerList':
      return intl.formatMessage({ id: 'setup.foundWhere.providerList', defaultMessage: 'in Porthole’s list of providers ({provider})' }, { provider: where.provider });
    case 'providerListByMx':
      return intl.formatMessage(
        { id: 'setup.foundWhere.providerListByMx', defaultMessage: 'in Porthole’s list of providers ({provider}, recognised by {domain}’s mail server {mxHost})' },
        { provider: where.provider, domain: where.domain, mxHost: where.mxHost },
      );
    case 'autoconfig':
      return intl.formatMessage({ id: 'setup.foundWhere.autoconfig', defaultMessage: 'in {domain}’s published settings (autoconfig)' }, { domain: where.domain });
    case 'srv':
      return intl.formatMessage({ id: 'setup.foundWhere.srv', defaultMessage: 'in {domain}’s DNS service records (SRV)' }, { domain: where.domain });
    case 'guess':
      return intl.formatMessage({ id: 'setup.foundWhere.guess', defaultMessage: 'by trying the usual server names' });
    default: {
      const unknown: never = where;
      return JSON.stringify(unknown);
    }
  }
}

/** A discovery warning, as main's English says it word for word in English. */
export function discoveryWarningText(words: DiscoveryWarningWords, intl: IntlShape = currentIntl()): string {
  switch (words.kind) {
    case 'plaintext': {
      const values = { host: words.host, port: String(words.port) };
      if (words.service === 'imap') {
        return intl.formatMessage(
          { id: 'setup.warning.plaintextImap', defaultMessage: 'The IMAP server at {host}, port {port} has no encryption: your password and mail would cross the network readable by anyone on the way.' },
          values,
        );
      }
      if (words.service === 'pop3') {
        return intl.formatMessage(
          { id: 'setup.warning.plaintextPop', defaultMessage: 'The POP server at {host}, port {port} has no encryption: your password and mail would cross the network readable by anyone on the way.' },
          values,
        );
      }
      return intl.formatMessage(
        { id: 'setup.warning.plaintextSmtp', defaultMessage: 'The sending server at {host}, port {port} has no encryption: your password and mail would cross the network readable by anyone on the way.' },
        values,
      );
    }
    case 'outsideDomain': {
      const values = { domain: words.domain, hosts: words.hosts.join(', ') };
      return words.namedIn === 'autoconfig'
        ? intl.formatMessage(
            {
              id: 'setup.warning.outsideDomainAutoconfig',
              defaultMessage: 'Servers named in {domain}’s published settings are outside {domain}: {hosts}. Save only if you expect {domain}’s mail to be handled there: they would receive your password.',
            },
            values,
          )
        : intl.formatMessage(
            {
              id: 'setup.warning.outsideDomainSrv',
              defaultMessage: 'Servers named in {domain}’s DNS service records are outside {domain}: {hosts}. Save only if you expect {domain}’s mail to be handled there: they would receive your password.',
            },
            values,
          );
    }
    case 'fetchedElsewhere':
      return intl.formatMessage(
        { id: 'setup.warning.fetchedElsewhere', defaultMessage: '{domain}’s settings were fetched from {via}, where {domain}’s own address redirected Porthole.' },
        { domain: words.domain, via: words.via.join(', ') },
      );
    case 'oauthUnknown':
      return intl.formatMessage(
        {
          id: 'setup.warning.oauthUnknown',
          defaultMessage: '{host} asks for sign-in through the provider’s web page (OAuth2), which Porthole can do only for Google and Microsoft: only a password can be tried, and the server may refuse it.',
        },
        { host: words.host },
      );
    default: {
      const unknown: never = words;
      return JSON.stringify(unknown);
    }
  }
}

function appPasswordPlace(place: AppPasswordPlace, intl: IntlShape): string {
  switch (place) {
    case 'yahoo':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.yahoo', defaultMessage: 'Yahoo’s account security page' });
    case 'apple':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.apple', defaultMessage: 'appleid.apple.com' });
    case 'aol':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.aol', defaultMessage: 'AOL’s account security page' });
    case 'fastmail':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.fastmail', defaultMessage: 'Fastmail’s Settings → Privacy & Security' });
    case 'yandex':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.yandex', defaultMessage: 'Yandex ID’s security settings' });
    case 'mailru':
      return intl.formatMessage({ id: 'setup.appPasswordPlace.mailru', defaultMessage: 'Mail.ru’s security settings (“passwords for external applications”)' });
    default: {
      const unknown: never = place;
      return String(unknown);
    }
  }
}

/** The password a provider wants, when not the account's usual one. */
export function passwordNoteText(note: PasswordNote, intl: IntlShape = currentIntl()): string {
  switch (note.kind) {
    case 'appPassword':
      return intl.formatMessage(
        { id: 'setup.passwordNote.appPassword', defaultMessage: 'Use an app password, made in {place}: mail programs cannot sign in with the account’s own password.' },
        { place: appPasswordPlace(note.place, intl) },
      );
    case 'switchOnAccess':
      return intl.formatMessage(
        { id: 'setup.passwordNote.switchOnAccess', defaultMessage: 'Use your {provider} password, once “access via POP3 and IMAP” is switched on in {provider}’s settings.' },
        { provider: note.provider },
      );
    case 'protonBridge':
      return intl.formatMessage({ id: 'setup.passwordNote.protonBridge', defaultMessage: 'Use the password Proton Mail Bridge shows for this address (Bridge must be running on this computer).' });
    case 'telekom':
      return intl.formatMessage({ id: 'setup.passwordNote.telekom', defaultMessage: 'Use the e-mail password set in the Telekom customer centre (not the Telekom login password).' });
    default: {
      const unknown: never = note;
      return JSON.stringify(unknown);
    }
  }
}
