import type { ServerEndpoint } from './account';
import type { StepNote } from './discovery-notes';

/** Where a discovered setting came from, in the order the chain prefers them. */
export type DiscoverySource = 'provider' | 'autoconfig' | 'srv' | 'guess';

/** A reason to look twice before using what was found; shown, never silently acted on. */
export interface DiscoveryWarning {
  /**
   * `plaintext`: a server without TLS; `other-domain`: servers outside the address's domain (autoconfig,
   * SRV); `oauth-unknown`: the settings ask for OAuth2 sign-in with a provider Porthole has no client for,
   * so only a password can be tried.
   */
  kind: 'plaintext' | 'other-domain' | 'oauth-unknown';
  /** Main's English (discoveryWarningEnglish of `words`). */
  text: string;
  /** The same, as values the window says in its language. */
  words: DiscoveryWarningWords;
}

/** What a warning says, as values. */
export type DiscoveryWarningWords =
  | { kind: 'plaintext'; service: 'imap' | 'pop3' | 'smtp'; host: string; port: number }
  /** Servers outside the address's domain, named by its published settings or its DNS service records. */
  | { kind: 'outsideDomain'; namedIn: 'autoconfig' | 'srv'; domain: string; hosts: string[] }
  /** The domain's settings address redirected to another domain's. */
  | { kind: 'fetchedElsewhere'; domain: string; via: string[] }
  | { kind: 'oauthUnknown'; host: string };

/** Where a proposal was found, as values. */
export type FoundWhere =
  | { kind: 'providerList'; provider: string }
  /** A company domain whose mail server (MX) belongs to a provider in the list. */
  | { kind: 'providerListByMx'; provider: string; domain: string; mxHost: string }
  | { kind: 'autoconfig'; domain: string }
  | { kind: 'srv'; domain: string }
  | { kind: 'guess' };

/** Where a provider's app passwords are made (each provider's own page). */
export type AppPasswordPlace = 'yahoo' | 'apple' | 'aol' | 'fastmail' | 'yandex' | 'mailru';

/** The password a provider wants, when not the account's usual one, as values. */
export type PasswordNote =
  | { kind: 'appPassword'; place: AppPasswordPlace }
  /** GMX, WEB.DE: the usual password, once IMAP and POP access is switched on in the provider's settings. */
  | { kind: 'switchOnAccess'; provider: string }
  | { kind: 'protonBridge' }
  | { kind: 'telekom' };

const SERVICE_WORDS = { imap: 'The IMAP server', pop3: 'The POP server', smtp: 'The sending server' } as const;
const NAMED_IN = { autoconfig: 'published settings', srv: 'DNS service records' } as const;
const APP_PASSWORD_PLACES: Record<AppPasswordPlace, string> = {
  yahoo: 'Yahoo’s account security page',
  apple: 'appleid.apple.com',
  aol: 'AOL’s account security page',
  fastmail: 'Fastmail’s Settings → Privacy & Security',
  yandex: 'Yandex ID’s security settings',
  mailru: 'Mail.ru’s security settings (“passwords for external applications”)',
};

/** Main's English for a warning. */
export function discoveryWarningEnglish(words: DiscoveryWarningWords): string {
  switch (words.kind) {
    case 'plaintext':
      return `${SERVICE_WORDS[words.service]} at ${words.host}, port ${words.port} has no encryption: your password and mail would cross the network readable by anyone on the way.`;
    case 'outsideDomain':
      return `Servers named in ${words.domain}’s ${NAMED_IN[words.namedIn]} are outside ${words.domain}: ${words.hosts.join(', ')}. Save only if you expect ${words.domain}’s mail to be handled there: they would receive your password.`;
    case 'fetchedElsewhere':
      return `${words.domain}’s settings were fetched from ${words.via.join(', ')}, where ${words.domain}’s own address redirected Porthole.`;
    case 'oauthUnknown':
      return `${words.host} asks for sign-in through the provider’s web page (OAuth2), which Porthole can do only for Google and Microsoft: only a password can be tried, and the server may refuse it.`;
  }
}

/** Main's English for where a proposal was found: "in example.com’s published settings (autoconfig)". */
export function foundWhereEnglish(where: FoundWhere): string {
  switch (where.kind) {
    case 'providerList':
      return `in Porthole’s list of providers (${where.provider})`;
    case 'providerListByMx':
      return `in Porthole’s list of providers (${where.provider}, recognised by ${where.domain}’s mail server ${where.mxHost})`;
    case 'autoconfig':
      return `in ${where.domain}’s published settings (autoconfig)`;
    case 'srv':
      return `in ${where.domain}’s DNS service records (SRV)`;
    case 'guess':
      return 'by trying the usual server names';
  }
}

/** Main's English for a password note. */
export function passwordNoteEnglish(note: PasswordNote): string {
  switch (note.kind) {
    case 'appPassword':
      return `Use an app password, made in ${APP_PASSWORD_PLACES[note.place]}: mail programs cannot sign in with the account’s own password.`;
    case 'switchOnAccess':
      return `Use your ${note.provider} password, once “access via POP3 and IMAP” is switched on in ${note.provider}’s settings.`;
    case 'protonBridge':
      return 'Use the password Proton Mail Bridge shows for this address (Bridge must be running on this computer).';
    case 'telekom':
      return 'Use the e-mail password set in the Telekom customer centre (not the Telekom login password).';
  }
}

/** What discovery found for an address: a complete proposal the user can edit before saving. */
export interface DiscoveredSettings {
  source: DiscoverySource;
  /** In plain words, for the sentence under the settings: "in example.com's published settings". */
  foundWhere: string;
  /** The same, as values the window says in its language. */
  foundWhereWords: FoundWhere;
  /** The provider's name when the shipped table knew it ("Gmail"), else null. */
  providerName: string | null;
  /** Incoming servers (`user` already in the provider's login-name form); null where there is none. */
  imap: ServerEndpoint | null;
  pop3: ServerEndpoint | null;
  smtp: ServerEndpoint | null;
  /** The provider wants OAuth2 sign-in (its id in the OAuth2 provider list), else null: a password. */
  oauthProvider: string | null;
  /** For password providers, what password they want, in plain words ("an app password from …"); absent: the usual one. */
  passwordNote?: string;
  /** The same, as values. */
  passwordNoteWords?: PasswordNote;
  warnings: DiscoveryWarning[];
}

/** One step of the chain, for the "how it was found" details. */
export interface DiscoveryStep {
  source: DiscoverySource;
  outcome: 'found' | 'nothing' | 'failed' | 'timeout' | 'not-needed';
  /** What it tried and what came back, in main's English (stepNotesEnglish of `notes`): what main's tests and logs read. */
  detail: string;
  /** The same, as values the window says in its language. */
  notes: StepNote[];
  ms: number;
}

export interface DiscoveryReport {
  address: string;
  /** The first good answer in the chain's order; null: nothing found, the user types the servers. */
  found: DiscoveredSettings | null;
  steps: DiscoveryStep[];
}
