import { request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { MAX_AUTOCONFIG_BYTES } from './autoconfig-xml';
import type { FetchNote } from '../../common/model/discovery-notes';
import { dnsFailure, isDnsFailure, type DiscoveryNetwork } from './network';

export type FetchedFile =
  | { kind: 'ok'; body: string; /** The hosts it was redirected through, when any (said in the step's detail). */ redirectedTo: string[] }
  | { kind: 'missing' | 'failed'; note: FetchNote };

const MAX_REDIRECTS = 3;

/**
 * GETs a small file over HTTPS only, with a certificate that verifies, at most
 * MAX_AUTOCONFIG_BYTES, within `timeoutMs` in all. Redirects are followed only to HTTPS and are
 * reported; the caller says so to the user. Never throws.
 */
export async function fetchAutoconfig(url: URL, network: DiscoveryNetwork, options: { timeoutMs: number; signal: AbortSignal }): Promise<FetchedFile> {
  const redirectedTo: string[] = [];
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const answer = await getOnce(current, network, options);
    if (answer.kind !== 'redirect') return answer.kind === 'ok' ? { ...answer, redirectedTo } : answer;
    let next: URL;
    try {
      next = new URL(answer.location, current);
    } catch {
      return { kind: 'failed', note: { host: current.host, kind: 'redirectNotAddress', location: answer.location } };
    }
    if (next.protocol !== 'https:') return { kind: 'failed', note: { host: current.host, kind: 'redirectNotHttps', protocol: next.protocol.replace(':', '') } };
    if (next.hostname !== current.hostname) redirectedTo.push(next.hostname);
    current = next;
  }
  return { kind: 'failed', note: { host: url.host, kind: 'tooManyRedirects', count: MAX_REDIRECTS } };
}

type OneAnswer = { kind: 'ok'; body: string } | { kind: 'redirect'; location: string } | { kind: 'missing' | 'failed'; note: FetchNote };

function getOnce(url: URL, network: DiscoveryNetwork, options: { timeoutMs: number; signal: AbortSignal }): Promise<OneAnswer> {
  const where = url.hostname;
  return new Promise<OneAnswer>((resolve) => {
    const requestOptions: RequestOptions = {
      host: url.hostname,
      port: url.port ? Number(url.port) : network.httpsPort,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': 'Porthole' },
      servername: isIP(url.hostname) ? undefined : url.hostname,
      lookup: network.lookup,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
      agent: false,
      signal: options.signal,
    };
    if (network.ca) requestOptions.ca = network.ca;
    let settled = false;
    const settle = (answer: OneAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ kind: 'failed', note: { host: where, kind: 'noAnswerWithin', seconds: options.timeoutMs / 1000 } }), options.timeoutMs);
    const outgoing = request(requestOptions, (response) => readResponse(response, where, settle));
    outgoing.on('error', (error) => settle(requestErrorAnswer(error, where)));
    outgoing.end();
  });
}

function readResponse(response: IncomingMessage, where: string, settle: (answer: OneAnswer) => void): void {
  const status = response.statusCode ?? 0;
  response.on('error', (error) => settle({ kind: 'failed', note: { host: where, kind: 'brokeOff', detail: error.message } }));
  if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
    settle({ kind: 'redirect', location: response.headers.location });
    return;
  }
  if (status === 404 || status === 410) {
    settle({ kind: 'missing', note: { host: where, kind: 'noSettings', status } });
    return;
  }
  if (status !== 200) {
    settle({ kind: 'failed', note: { host: where, kind: 'httpStatus', status } });
    return;
  }
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > MAX_AUTOCONFIG_BYTES) {
    settle({ kind: 'failed', note: { host: where, kind: 'declaredTooLarge', bytes: declared, kib: MAX_AUTOCONFIG_BYTES / 1024 } });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_AUTOCONFIG_BYTES) settle({ kind: 'failed', note: { host: where, kind: 'sentTooMuch', kib: MAX_AUTOCONFIG_BYTES / 1024 } });
    else chunks.push(chunk);
  });
  response.on('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks).toString('utf8') }));
}

function requestErrorAnswer(error: Error, where: string): OneAnswer {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'ENODATA') return { kind: 'missing', note: { host: where, kind: 'noSuchHost' } };
  if (code === 'ECONNREFUSED') return { kind: 'missing', note: { host: where, kind: 'noHttps' } };
  if (code === 'ABORT_ERR') return { kind: 'failed', note: { host: where, kind: 'stopped' } };
  if (isDnsFailure(error)) return { kind: 'failed', note: { host: where, kind: 'lookupFailed', dns: dnsFailure(error) } };
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return { kind: 'failed', note: { host: where, kind: 'certificate', code } };
  return { kind: 'failed', note: { host: where, kind: 'failed', detail: error.message } };
}
