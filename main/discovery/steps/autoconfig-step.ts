import type { ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings, DiscoveryWarning } from '../../../common/model/discovery';
import type { StepNote } from '../../../common/model/discovery-notes';
import { fetchAutoconfig, type FetchedFile } from '../autoconfig-fetch';
import { fillPlaceholders, parseAutoconfig, type AutoconfigFile, type AutoconfigServer } from '../autoconfig-xml';
import type { StepResult } from '../chain';
import { oauthProviderForHost } from '../providers';
import { discoveryWarning, foundServers, foundWhere, isUsableHost, otherDomainWarning, plaintextWarnings } from '../proposal';
import type { StepContext } from './context';

/** Each download's share of the step. */
const FETCH_TIMEOUT_MS = 5_000;

/**
 * Step 2: Mozilla's autoconfig file, published by the domain at its two well-known places (fetched
 * in parallel; the first place wins when both answer).
 */
export async function autoconfigStep(context: StepContext, signal: AbortSignal): Promise<StepResult> {
  const { domain, network } = context;
  const urls = [
    new URL(`https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(context.address)}`),
    new URL(`https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`),
  ];
  const fetched = await Promise.all(urls.map((url) => fetchAutoconfig(url, network, { timeoutMs: FETCH_TIMEOUT_MS, signal })));
  const readings = fetched.map((file, index) => readFile(file, urls[index]!, context));
  const foundAt = readings.findIndex((reading) => reading.outcome === 'found');
  if (foundAt >= 0) {
    // Only what answered: the other place's failure beside "found" reads like a contradiction. When
    // the first place failed and the second answered, the first is said after it, as what was tried.
    const found = readings[foundAt]!;
    const triedFirst = readings.slice(0, foundAt).flatMap((reading) => reading.notes);
    return { ...found, notes: [...found.notes, ...(triedFirst.length ? [{ kind: 'triedFirst', notes: triedFirst } satisfies StepNote] : [])] };
  }
  return { outcome: readings.some((reading) => reading.outcome === 'failed') ? 'failed' : 'nothing', notes: readings.flatMap((reading) => reading.notes) };
}

function readFile(fetched: FetchedFile, url: URL, context: StepContext): StepResult {
  const host = url.hostname;
  if (fetched.kind !== 'ok') return { outcome: fetched.kind === 'missing' ? 'nothing' : 'failed', notes: [{ kind: 'fetchFailed', fetch: fetched.note }] };
  const parsed = parseAutoconfig(fetched.body);
  const via = fetched.redirectedTo;
  if (!parsed.ok) return { outcome: 'failed', notes: [{ kind: 'unusableFile', host, via, problem: parsed.problem }] };
  const settings = settingsFrom(parsed.file, context, fetched.redirectedTo);
  if (!settings.imap && !settings.pop3) return { outcome: 'failed', notes: [{ kind: 'noUsableIncoming', host, via }] };
  return { outcome: 'found', settings, notes: [{ kind: 'published', host, via, servers: foundServers(settings), skipped: parsed.file.skipped }] };
}

function settingsFrom(file: AutoconfigFile, context: StepContext, redirectedTo: string[]): DiscoveredSettings {
  const { address, domain } = context;
  const pick = (servers: AutoconfigServer[], type: AutoconfigServer['type']) => preferred(servers.filter((server) => server.type === type), address);
  const imap = pick(file.incoming, 'imap');
  const pop3 = pick(file.incoming, 'pop3');
  const smtp = pick(file.outgoing, 'smtp');
  const endpoints = { imap: imap?.endpoint ?? null, pop3: pop3?.endpoint ?? null, smtp: smtp?.endpoint ?? null };
  const warnings: DiscoveryWarning[] = [...plaintextWarnings(endpoints)];
  const viaOther = redirectedTo.filter((host) => host !== domain && !host.endsWith(`.${domain}`));
  if (viaOther.length) {
    warnings.push(discoveryWarning('other-domain', { kind: 'fetchedElsewhere', domain, via: viaOther }));
  }
  warnings.push(...otherDomainWarning(endpoints, domain, 'autoconfig'));
  let oauthProvider: string | null = null;
  const incoming = imap ?? pop3;
  if (incoming?.oauthOnly || incoming?.oauthOffered) {
    oauthProvider = oauthProviderForHost(incoming.endpoint.host);
    if (!oauthProvider && incoming.oauthOnly) {
      warnings.push(discoveryWarning('oauth-unknown', { kind: 'oauthUnknown', host: incoming.endpoint.host }));
    }
  }
  return {
    source: 'autoconfig',
    ...foundWhere({ kind: 'autoconfig', domain }),
    providerName: file.displayName ? fillPlaceholders(file.displayName, address).slice(0, 100) : null,
    ...endpoints,
    oauthProvider,
    warnings,
  };
}

interface Chosen {
  endpoint: ServerEndpoint;
  oauthOffered: boolean;
  /** OAuth2 is the only way in that the file names. */
  oauthOnly: boolean;
}

/** The file's first server of a kind with TLS, else its first: the file's order is its preference. */
function preferred(servers: AutoconfigServer[], address: string): Chosen | null {
  const usable = servers
    .map((server) => ({ server, host: fillPlaceholders(server.hostname, address).toLowerCase() }))
    .filter(({ host }) => isUsableHost(host));
  const best = usable.find(({ server }) => server.security !== 'none') ?? usable[0];
  if (!best) return null;
  const auth = best.server.authentication;
  const oauthOffered = auth.includes('OAuth2');
  return {
    endpoint: { host: best.host, port: best.server.port, security: best.server.security, user: fillPlaceholders(best.server.username, address) },
    oauthOffered,
    oauthOnly: oauthOffered && !auth.some((method) => method.startsWith('password-')),
  };
}
