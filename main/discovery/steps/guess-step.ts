import type { Security, ServerEndpoint } from '../../../common/model/account';
import type { DiscoveredSettings } from '../../../common/model/discovery';
import type { ProbeNote, StepNote } from '../../../common/model/discovery-notes';
import type { StepResult } from '../chain';
import { probeServer, type ProbedService, type ProbeResult } from '../probe';
import { foundServers, foundWhere } from '../proposal';
import type { StepContext } from './context';

const PROBE_TIMEOUT_MS = 4_000;

/** Host prefixes per service, most likely first ("" is the bare domain). */
const HOSTS: Record<ProbedService, string[]> = {
  imap: ['imap.', 'mail.', ''],
  pop3: ['pop.', 'pop3.', 'mail.', ''],
  smtp: ['smtp.', 'mail.', ''],
};

/** Standard ports, implicit TLS first (RFC 8314 §5.1); plain 143/110/587 only with STARTTLS. */
const PORTS: Record<ProbedService, Array<{ port: number; security: Exclude<Security, 'none'> }>> = {
  imap: [{ port: 993, security: 'tls' }, { port: 143, security: 'starttls' }],
  pop3: [{ port: 995, security: 'tls' }, { port: 110, security: 'starttls' }],
  smtp: [{ port: 465, security: 'tls' }, { port: 587, security: 'starttls' }],
};

/**
 * Step 4: the usual names and ports, all probed in parallel; only a server that greets as the
 * service and whose TLS verifies for that name is kept (a guess has no one's word behind it, so an
 * untrusted certificate or a server without TLS is not offered).
 */
export async function guessStep(context: StepContext, signal: AbortSignal): Promise<StepResult> {
  const services = ['imap', 'pop3', 'smtp'] as const;
  const found = await Promise.all(services.map((service) => guessService(service, context, signal)));
  const [imap, pop3, smtp] = found as [Guessed, Guessed, Guessed];
  const rejected = found.flatMap((guessed) => guessed.rejected);
  const notKept: StepNote[] = rejected.length ? [{ kind: 'notKept', probes: rejected.slice(0, 6) }] : [];
  if (!imap.endpoint && !pop3.endpoint) return { outcome: 'nothing', notes: [{ kind: 'guessNothing', domain: context.domain }, ...notKept] };
  const settings: DiscoveredSettings = {
    source: 'guess',
    ...foundWhere({ kind: 'guess' }),
    providerName: null,
    imap: imap.endpoint,
    pop3: pop3.endpoint,
    smtp: smtp.endpoint,
    oauthProvider: null,
    warnings: [],
  };
  return { outcome: 'found', settings, notes: [{ kind: 'servers', servers: foundServers(settings) }, ...notKept] };
}

interface Guessed {
  endpoint: ServerEndpoint | null;
  /** Servers that answered but were not kept, and why. */
  rejected: ProbeNote[];
}

async function guessService(service: ProbedService, context: StepContext, signal: AbortSignal): Promise<Guessed> {
  const candidates = HOSTS[service].flatMap((prefix) =>
    PORTS[service].map(({ port, security }) => ({ host: `${prefix}${context.domain}`, port: context.network.guessPort(port), security })),
  );
  const probes: ProbeResult[] = await Promise.all(
    candidates.map((candidate) => probeServer({ ...candidate, service }, context.network, { timeoutMs: PROBE_TIMEOUT_MS, signal })),
  );
  const rejected = probes.flatMap((probe) => (probe.answered && probe.tls !== 'verified' ? [probe.note] : []));
  // Preference is the candidates' order: a name before the bare domain, implicit TLS before STARTTLS.
  const index = probes.findIndex((probe) => probe.answered && probe.tls === 'verified');
  const winner = candidates[index];
  return { endpoint: winner ? { host: winner.host, port: winner.port, security: winner.security, user: context.address } : null, rejected };
}
