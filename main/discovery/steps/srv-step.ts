import type { Security, ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings } from '../../../common/model/discovery';
import type { StepResult } from '../chain';
import { dnsErrorWords, isNoRecords, type SrvAnswer } from '../network';
import { probeServer, type ProbedService } from '../probe';
import { describeSettings, foundWhere, otherDomainWarning, plaintextWarnings } from '../proposal';
import { isDeclined, orderSrv } from '../srv-order';
import type { StepContext } from './context';

const PROBE_TIMEOUT_MS = 3_000;
/** Targets probed per record set: a zone with a hundred records does not get a hundred connections. */
const MAX_TARGETS = 4;

/** RFC 6186 §3 names, implicit TLS first for each service (RFC 8314 §5.1). */
const SERVICES: Record<ProbedService, Array<{ label: string; security: Exclude<Security, 'none'> }>> = {
  imap: [{ label: '_imaps._tcp', security: 'tls' }, { label: '_imap._tcp', security: 'starttls' }],
  pop3: [{ label: '_pop3s._tcp', security: 'tls' }, { label: '_pop3._tcp', security: 'starttls' }],
  smtp: [{ label: '_submissions._tcp', security: 'tls' }, { label: '_submission._tcp', security: 'starttls' }],
};

interface ServiceOutcome {
  endpoint: ServerEndpoint | null;
  notes: string[];
  /** Records were published (so "nothing" would be wrong when none of them answered). */
  published: boolean;
  /** Lookups that went wrong, as `name: why`. */
  lookupFailures: string[];
}

/** Step 3: RFC 6186 SRV records, each target checked to answer with the right greeting (no password sent). */
export async function srvStep(context: StepContext, signal: AbortSignal): Promise<StepResult> {
  const services = ['imap', 'pop3', 'smtp'] as const;
  const outcomes = await Promise.all(services.map((service) => findService(service, context, signal)));
  const [imap, pop3, smtp] = outcomes as [ServiceOutcome, ServiceOutcome, ServiceOutcome];
  const notes = outcomes.flatMap((outcome) => outcome.notes).join(' ');
  const lookupFailures = outcomes.flatMap((outcome) => outcome.lookupFailures);
  if (!outcomes.some((outcome) => outcome.published)) {
    if (lookupFailures.length === 0) return { outcome: 'nothing', detail: `${context.domain} publishes no mail servers in its DNS service records. ${notes}`.trim() };
    return { outcome: 'failed', detail: `Looking up ${context.domain}’s DNS service records failed: ${summarise(lookupFailures)}.` };
  }
  if (!imap.endpoint && !pop3.endpoint) return { outcome: 'failed', detail: `None of the incoming servers in ${context.domain}’s DNS service records answered. ${notes}`.trim() };
  const endpoints = { imap: imap.endpoint, pop3: pop3.endpoint, smtp: smtp.endpoint };
  const settings: DiscoveredSettings = {
    source: 'srv',
    ...foundWhere({ kind: 'srv', domain: context.domain }),
    providerName: null,
    ...endpoints,
    oauthProvider: null,
    // RFC 6186 §6: a target outside the domain is the domain's (or a forger's) word only; the user decides.
    warnings: [...plaintextWarnings(endpoints), ...otherDomainWarning(endpoints, context.domain, 'srv')],
  };
  return { outcome: 'found', settings, detail: `${describeSettings(settings)}. ${notes}`.trim() };
}

async function findService(service: ProbedService, context: StepContext, signal: AbortSignal): Promise<ServiceOutcome> {
  const notes: string[] = [];
  let published = false;
  const looked = await Promise.all(SERVICES[service].map(async ({ label, security }) => ({ label, security, answer: await lookUp(`${label}.${context.domain}`, context) })));
  const candidates: Array<{ record: SrvAnswer; security: Exclude<Security, 'none'>; label: string }> = [];
  const lookupFailures: string[] = [];
  for (const { label, security, answer } of looked) {
    if (typeof answer === 'string') {
      lookupFailures.push(`${label}: ${answer}`);
      continue;
    }
    if (answer.length === 0) continue;
    published = true;
    if (isDeclined(answer)) {
      notes.push(`${label}.${context.domain} says this service is not offered.`);
      continue;
    }
    candidates.push(...orderSrv(answer).slice(0, MAX_TARGETS).map((record) => ({ record, security, label })));
  }
  const probes = await Promise.all(
    candidates.map(({ record, security }) => probeServer({ host: record.name.toLowerCase(), port: record.port, security, service }, context.network, { timeoutMs: PROBE_TIMEOUT_MS, signal })),
  );
  for (const [index, probe] of probes.entries()) {
    const candidate = candidates[index]!;
    if (!probe.answered) {
      notes.push(`From ${candidate.label}.${context.domain}: ${probe.detail}.`);
      continue;
    }
    const security: Security = probe.tls === 'none' ? 'none' : candidate.security;
    if (probe.tls === 'unverified') notes.push(`${probe.detail}; you will be shown its certificate.`);
    return { endpoint: { host: candidate.record.name.toLowerCase(), port: candidate.record.port, security, user: context.address }, notes, published, lookupFailures };
  }
  if (lookupFailures.length) notes.push(`Some lookups failed: ${summarise(lookupFailures)}.`);
  return { endpoint: null, notes, published, lookupFailures };
}

/** The records, an empty list when there are none, or why the lookup failed. */
async function lookUp(name: string, context: StepContext): Promise<SrvAnswer[] | string> {
  try {
    return await context.network.srv(name);
  } catch (error) {
    if (isNoRecords(error)) return [];
    return dnsErrorWords(error);
  }
}

/** `_imaps._tcp: why`, … → "why (_imaps._tcp, _imap._tcp)", one group per reason. */
function summarise(failures: string[]): string {
  const byReason = new Map<string, string[]>();
  for (const failure of failures) {
    const [label = '', reason = ''] = failure.split(/: (.*)/s);
    byReason.set(reason, [...(byReason.get(reason) ?? []), label]);
  }
  return [...byReason].map(([reason, labels]) => `${reason} (${labels.join(', ')})`).join('; ');
}
