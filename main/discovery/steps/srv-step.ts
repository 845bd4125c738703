import type { Security, ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings } from '../../../common/model/discovery';
import type { DnsFailure, LookupFailures, StepNote } from '../../../common/model/discovery-notes';
import type { StepResult } from '../chain';
import { dnsFailure, isNoRecords, type SrvAnswer } from '../network';
import { probeServer, type ProbedService } from '../probe';
import { foundServers, foundWhere, otherDomainWarning, plaintextWarnings } from '../proposal';
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
  notes: StepNote[];
  /** Records were published (so "nothing" would be wrong when none of them answered). */
  published: boolean;
  /** Lookups that went wrong. */
  lookupFailures: LookupFailure[];
}

/** Step 3: RFC 6186 SRV records, each target checked to answer with the right greeting (no password sent). */
export async function srvStep(context: StepContext, signal: AbortSignal): Promise<StepResult> {
  const services = ['imap', 'pop3', 'smtp'] as const;
  const outcomes = await Promise.all(services.map((service) => findService(service, context, signal)));
  const [imap, pop3, smtp] = outcomes as [ServiceOutcome, ServiceOutcome, ServiceOutcome];
  const notes = outcomes.flatMap((outcome) => outcome.notes);
  const lookupFailures = outcomes.flatMap((outcome) => outcome.lookupFailures);
  if (!outcomes.some((outcome) => outcome.published)) {
    if (lookupFailures.length === 0) return { outcome: 'nothing', notes: [{ kind: 'srvNothing', domain: context.domain }, ...notes] };
    return { outcome: 'failed', notes: [{ kind: 'srvLookupFailed', domain: context.domain, failures: byReason(lookupFailures) }] };
  }
  if (!imap.endpoint && !pop3.endpoint) return { outcome: 'failed', notes: [{ kind: 'srvNoneAnswered', domain: context.domain }, ...notes] };
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
  return { outcome: 'found', settings, notes: [{ kind: 'servers', servers: foundServers(settings) }, ...notes] };
}

async function findService(service: ProbedService, context: StepContext, signal: AbortSignal): Promise<ServiceOutcome> {
  const notes: StepNote[] = [];
  let published = false;
  const looked = await Promise.all(SERVICES[service].map(async ({ label, security }) => ({ label, security, answer: await lookUp(`${label}.${context.domain}`, context) })));
  const candidates: Array<{ record: SrvAnswer; security: Exclude<Security, 'none'>; label: string }> = [];
  const lookupFailures: LookupFailure[] = [];
  for (const { label, security, answer } of looked) {
    if (!Array.isArray(answer)) {
      lookupFailures.push({ label, dns: answer });
      continue;
    }
    if (answer.length === 0) continue;
    published = true;
    if (isDeclined(answer)) {
      notes.push({ kind: 'srvDeclined', name: `${label}.${context.domain}` });
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
      notes.push({ kind: 'srvProbeFailed', name: `${candidate.label}.${context.domain}`, probe: probe.note });
      continue;
    }
    const security: Security = probe.tls === 'none' ? 'none' : candidate.security;
    if (probe.tls === 'unverified') notes.push({ kind: 'srvUnverified', probe: probe.note });
    return { endpoint: { host: candidate.record.name.toLowerCase(), port: candidate.record.port, security, user: context.address }, notes, published, lookupFailures };
  }
  if (lookupFailures.length) notes.push({ kind: 'srvSomeLookupsFailed', failures: byReason(lookupFailures) });
  return { endpoint: null, notes, published, lookupFailures };
}

/** The records, an empty list when there are none, or why the lookup failed. */
async function lookUp(name: string, context: StepContext): Promise<SrvAnswer[] | DnsFailure> {
  try {
    return await context.network.srv(name);
  } catch (error) {
    if (isNoRecords(error)) return [];
    return dnsFailure(error);
  }
}

interface LookupFailure {
  label: string;
  dns: DnsFailure;
}

/** One group per way of failing, in the order first seen: "why (_imaps._tcp, _imap._tcp)". */
function byReason(failures: readonly LookupFailure[]): LookupFailures[] {
  const groups = new Map<string, LookupFailures>();
  for (const { label, dns } of failures) {
    const key = JSON.stringify(dns);
    const group = groups.get(key);
    if (group) group.labels.push(label);
    else groups.set(key, { dns, labels: [label] });
  }
  return [...groups.values()];
}
