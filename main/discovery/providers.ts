import type { Security } from '../../common/model/account';
import type { PasswordNote } from '../../common/model/discovery';

/** How a provider wants the login name: the whole address, or the part before the @. */
export type LoginForm = 'address' | 'local-part';

export interface ProviderServer {
  host: string;
  port: number;
  security: Security;
  login: LoginForm;
}

/** One entry of the table shipped with the app: a provider's servers, as its own help pages publish them. */
export interface Provider {
  /** Shown as "in Porthole's list of providers (Gmail)". */
  name: string;
  /** The name when found through a company domain's MX hosts ("Google Workspace"); absent: `name`. */
  hostedName?: string;
  /** The provider's own address domains; a subdomain of one matches too (tenant.onmicrosoft.com). */
  domains: string[];
  /** MX host suffixes that mean "this domain's mail is at this provider". */
  mxSuffixes: string[];
  imap: ProviderServer | null;
  pop3: ProviderServer | null;
  smtp: ProviderServer;
  /** Its id in the OAuth2 provider list when it wants OAuth2; null: a password. */
  oauthProvider: 'google' | 'microsoft' | null;
  /** What password it wants, when not the account's usual one. */
  passwordNote?: PasswordNote;
}

const tls = (host: string, port: number, login: LoginForm = 'address'): ProviderServer => ({ host, port, security: 'tls', login });
const starttls = (host: string, port: number, login: LoginForm = 'address'): ProviderServer => ({ host, port, security: 'starttls', login });

/**
 * The largest providers. Ports are the implicit-TLS ones where the provider offers them (RFC 8314);
 * Microsoft and iCloud send only with STARTTLS on 587.
 */
export const PROVIDERS: readonly Provider[] = [
  {
    name: 'Gmail',
    hostedName: 'Google Workspace',
    domains: ['gmail.com', 'googlemail.com'],
    mxSuffixes: ['google.com', 'googlemail.com'],
    imap: tls('imap.gmail.com', 993),
    pop3: tls('pop.gmail.com', 995),
    smtp: tls('smtp.gmail.com', 465),
    oauthProvider: 'google',
  },
  {
    name: 'Outlook.com',
    domains: [
      'outlook.com', 'outlook.de', 'outlook.fr', 'outlook.es', 'outlook.it', 'outlook.co.uk',
      'hotmail.com', 'hotmail.co.uk', 'hotmail.de', 'hotmail.fr', 'hotmail.it', 'hotmail.es', 'hotmail.nl', 'hotmail.be',
      'live.com', 'live.co.uk', 'live.de', 'live.fr', 'live.it', 'live.nl', 'live.be', 'live.ca',
      'msn.com', 'passport.com',
    ],
    mxSuffixes: ['olc.protection.outlook.com'],
    imap: tls('outlook.office365.com', 993),
    pop3: tls('outlook.office365.com', 995),
    smtp: starttls('smtp-mail.outlook.com', 587),
    oauthProvider: 'microsoft',
  },
  {
    name: 'Microsoft 365',
    domains: ['onmicrosoft.com'],
    mxSuffixes: ['mail.protection.outlook.com'],
    imap: tls('outlook.office365.com', 993),
    pop3: tls('outlook.office365.com', 995),
    smtp: starttls('smtp.office365.com', 587),
    oauthProvider: 'microsoft',
  },
  {
    name: 'Yahoo',
    domains: ['yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.ca', 'yahoo.com.au', 'yahoo.in', 'ymail.com', 'rocketmail.com'],
    mxSuffixes: ['yahoodns.net'],
    imap: tls('imap.mail.yahoo.com', 993),
    pop3: tls('pop.mail.yahoo.com', 995),
    smtp: tls('smtp.mail.yahoo.com', 465),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'yahoo' },
  },
  {
    name: 'iCloud',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxSuffixes: ['mail.icloud.com'],
    // Apple: the IMAP login is the name before the @, the SMTP login the whole address.
    imap: tls('imap.mail.me.com', 993, 'local-part'),
    pop3: null,
    smtp: starttls('smtp.mail.me.com', 587),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'apple' },
  },
  {
    name: 'AOL',
    domains: ['aol.com', 'aim.com', 'aol.co.uk', 'aol.de', 'aol.fr'],
    mxSuffixes: ['mx.aol.com'],
    imap: tls('imap.aol.com', 993),
    pop3: tls('pop.aol.com', 995),
    smtp: tls('smtp.aol.com', 465),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'aol' },
  },
  {
    name: 'GMX',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch'],
    mxSuffixes: ['gmx.net'],
    imap: tls('imap.gmx.net', 993),
    pop3: tls('pop.gmx.net', 995),
    smtp: tls('mail.gmx.net', 465),
    oauthProvider: null,
    passwordNote: { kind: 'switchOnAccess', provider: 'GMX' },
  },
  {
    name: 'GMX.com',
    domains: ['gmx.com', 'gmx.us', 'gmx.co.uk', 'gmx.fr', 'gmx.es'],
    mxSuffixes: ['gmx.com'],
    imap: tls('imap.gmx.com', 993),
    pop3: tls('pop.gmx.com', 995),
    smtp: starttls('mail.gmx.com', 587),
    oauthProvider: null,
  },
  {
    name: 'WEB.DE',
    domains: ['web.de'],
    mxSuffixes: ['web.de'],
    imap: tls('imap.web.de', 993),
    pop3: tls('pop3.web.de', 995),
    smtp: starttls('smtp.web.de', 587),
    oauthProvider: null,
    passwordNote: { kind: 'switchOnAccess', provider: 'WEB.DE' },
  },
  {
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'fastmail.us', 'fastmail.to', 'fastmail.de', 'sent.com', 'messagingengine.com'],
    mxSuffixes: ['messagingengine.com'],
    imap: tls('imap.fastmail.com', 993),
    pop3: tls('pop.fastmail.com', 995),
    smtp: tls('smtp.fastmail.com', 465),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'fastmail' },
  },
  {
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    mxSuffixes: ['zoho.com'],
    imap: tls('imap.zoho.com', 993),
    pop3: tls('pop.zoho.com', 995),
    smtp: tls('smtp.zoho.com', 465),
    oauthProvider: null,
  },
  {
    name: 'Zoho Mail (EU)',
    domains: ['zohomail.eu', 'zoho.eu'],
    mxSuffixes: ['zoho.eu'],
    imap: tls('imap.zoho.eu', 993),
    pop3: tls('pop.zoho.eu', 995),
    smtp: tls('smtp.zoho.eu', 465),
    oauthProvider: null,
  },
  {
    name: 'mailbox.org',
    domains: ['mailbox.org'],
    mxSuffixes: ['mailbox.org'],
    imap: tls('imap.mailbox.org', 993),
    pop3: tls('pop3.mailbox.org', 995),
    smtp: tls('smtp.mailbox.org', 465),
    oauthProvider: null,
  },
  {
    name: 'Posteo',
    domains: ['posteo.de', 'posteo.net', 'posteo.at', 'posteo.ch', 'posteo.org', 'posteo.eu', 'posteo.be', 'posteo.us', 'posteo.uk'],
    mxSuffixes: ['posteo.de'],
    imap: tls('posteo.de', 993),
    pop3: tls('posteo.de', 995),
    smtp: tls('posteo.de', 465),
    oauthProvider: null,
  },
  {
    name: 'Yandex Mail',
    domains: ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru'],
    mxSuffixes: ['mx.yandex.ru', 'mx.yandex.net'],
    imap: tls('imap.yandex.com', 993),
    pop3: tls('pop.yandex.com', 995),
    smtp: tls('smtp.yandex.com', 465),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'yandex' },
  },
  {
    name: 'Mail.ru',
    domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'],
    mxSuffixes: ['mail.ru'],
    imap: tls('imap.mail.ru', 993),
    pop3: tls('pop.mail.ru', 995),
    smtp: tls('smtp.mail.ru', 465),
    oauthProvider: null,
    passwordNote: { kind: 'appPassword', place: 'mailru' },
  },
  {
    // Proton encrypts end to end: mail programs talk to Proton Mail Bridge on this computer.
    name: 'Proton Mail (through Proton Mail Bridge)',
    domains: ['proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me'],
    mxSuffixes: ['protonmail.ch'],
    imap: starttls('127.0.0.1', 1143),
    pop3: null,
    smtp: starttls('127.0.0.1', 1025),
    oauthProvider: null,
    passwordNote: { kind: 'protonBridge' },
  },
  {
    name: 'Telekom (T-Online)',
    domains: ['t-online.de', 'magenta.de'],
    mxSuffixes: ['t-online.de'],
    imap: tls('secureimap.t-online.de', 993),
    pop3: tls('securepop.t-online.de', 995),
    smtp: tls('securesmtp.t-online.de', 465),
    oauthProvider: null,
    passwordNote: { kind: 'telekom' },
  },
  {
    name: 'Orange',
    domains: ['orange.fr', 'wanadoo.fr'],
    mxSuffixes: ['orange.fr'],
    imap: tls('imap.orange.fr', 993),
    pop3: tls('pop.orange.fr', 995),
    smtp: tls('smtp.orange.fr', 465),
    oauthProvider: null,
  },
  {
    name: 'Libero Mail',
    domains: ['libero.it', 'inwind.it', 'iol.it', 'blu.it', 'giallo.it'],
    mxSuffixes: ['libero.it'],
    imap: tls('imapmail.libero.it', 993),
    pop3: tls('popmail.libero.it', 995),
    smtp: tls('smtp.libero.it', 465),
    oauthProvider: null,
  },
];

/** `name` is `suffix` or a subdomain of it (labels, not characters: "notgoogle.com" is not "google.com"). */
export function isWithin(name: string, suffix: string): boolean {
  const host = name.toLowerCase().replace(/\.$/, '');
  const base = suffix.toLowerCase().replace(/\.$/, '');
  return host === base || host.endsWith(`.${base}`);
}

/** The provider whose own domains include this one. */
export function providerForDomain(domain: string, table: readonly Provider[] = PROVIDERS): Provider | null {
  return table.find((provider) => provider.domains.some((own) => isWithin(domain, own))) ?? null;
}

/** The provider of the first MX host (in preference order) that belongs to one, with that host. */
export function providerForMx(mxHosts: readonly string[], table: readonly Provider[] = PROVIDERS): { provider: Provider; mxHost: string } | null {
  for (const mxHost of mxHosts) {
    const provider = table.find((entry) => entry.mxSuffixes.some((suffix) => isWithin(mxHost, suffix)));
    if (provider) return { provider, mxHost };
  }
  return null;
}

/** The OAuth2 provider whose servers these are (imap.gmail.com → google), for a file that asks for OAuth2. */
export function oauthProviderForHost(host: string, table: readonly Provider[] = PROVIDERS): Provider['oauthProvider'] {
  const entry = table.find((provider) => provider.oauthProvider && [provider.imap, provider.pop3, provider.smtp].some((server) => server?.host === host.toLowerCase()));
  return entry?.oauthProvider ?? null;
}
