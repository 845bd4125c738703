import type { ServerEndpoint } from '../../../common/model/account';
import { passwordNoteEnglish, type DiscoveredSettings, type FoundWhere } from '../../../common/model/discovery';
import type { StepResult } from '../chain';
import { dnsFailure, isNoRecords } from '../network';
import { providerForDomain, providerForMx, PROVIDERS, type Provider, type ProviderServer } from '../providers';
import { foundServers, foundWhere } from '../proposal';
import { loginName, type StepContext } from './context';

/**
 * Step 1: the table shipped with the app, by the address's domain and else by the domain's MX hosts
 * (a company domain whose mail Google or Microsoft handles).
 */
export async function providerStep(context: StepContext, table: readonly Provider[] = PROVIDERS): Promise<StepResult> {
  const { address, domain } = context;
  const byDomain = providerForDomain(domain, table);
  if (byDomain) {
    const settings = settingsFor(byDomain, address, byDomain.name, { kind: 'providerList', provider: byDomain.name });
    return { outcome: 'found', settings, notes: [{ kind: 'providerByDomain', domain, provider: byDomain.name, servers: foundServers(settings) }] };
  }
  let mxHosts: string[];
  try {
    const records = await context.network.mx(domain);
    mxHosts = records
      .filter((record) => typeof record.exchange === 'string' && record.exchange !== '')
      .sort((a, b) => a.priority - b.priority)
      .map((record) => record.exchange.toLowerCase());
  } catch (error) {
    if (isNoRecords(error)) return { outcome: 'nothing', notes: [{ kind: 'providerNoMx', domain }] };
    return { outcome: 'failed', notes: [{ kind: 'providerMxFailed', domain, dns: dnsFailure(error) }] };
  }
  const byMx = providerForMx(mxHosts, table);
  if (!byMx) {
    return { outcome: 'nothing', notes: [{ kind: 'providerMxUnknown', domain, mxHosts: mxHosts.slice(0, 3) }] };
  }
  const name = byMx.provider.hostedName ?? byMx.provider.name;
  const settings = settingsFor(byMx.provider, address, name, { kind: 'providerListByMx', provider: name, domain, mxHost: byMx.mxHost });
  return { outcome: 'found', settings, notes: [{ kind: 'providerByMx', domain, mxHost: byMx.mxHost, provider: name, servers: foundServers(settings) }] };
}

function settingsFor(provider: Provider, address: string, name: string, where: FoundWhere): DiscoveredSettings {
  const endpoint = (server: ProviderServer | null): ServerEndpoint | null =>
    server && { host: server.host, port: server.port, security: server.security, user: loginName(address, server.login) };
  return {
    source: 'provider',
    ...foundWhere(where),
    providerName: name,
    imap: endpoint(provider.imap),
    pop3: endpoint(provider.pop3),
    smtp: endpoint(provider.smtp),
    oauthProvider: provider.oauthProvider,
    ...(provider.passwordNote ? { passwordNote: passwordNoteEnglish(provider.passwordNote), passwordNoteWords: provider.passwordNote } : {}),
    // The table's servers are known ones (Proton's Bridge on 127.0.0.1 included): nothing to warn about.
    warnings: [],
  };
}
