import { request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { MAX_AUTOCONFIG_BYTES } from './autoconfig-xml';
import { dnsErrorWords, isDnsFailure, type DiscoveryNetwork } from './network';

export type FetchedFile =
  | { kind: 'ok'; body: string; /** The hosts it was redirected through, when any (said in the step's detail). */ redirectedTo: string[] }
  | { kind: 'missing'; detail: string }
  | { kind: 'failed'; detail: string };

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
      return { kind: 'failed', detail: `${current.host} redirected to “${answer.location}”, which is not a web address` };
    }
    if (next.protocol !== 'https:') return { kind: 'failed', detail: `${current.host} redirected to an address without HTTPS (${next.protocol.replace(':', '')}); not followed` };
    if (next.hostname !== current.hostname) redirectedTo.push(next.hostname);
    current = next;
  }
  return { kind: 'failed', detail: `${url.host} redirected more than ${MAX_REDIRECTS} times` };
}

type OneAnswer = { kind: 'ok'; body: string } | { kind: 'redirect'; location: string } | { kind: 'missing'; detail: string } | { kind: 'failed'; detail: string };

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
    const timer = setTimeout(() => settle({ kind: 'failed', detail: `${where} did not answer within ${options.timeoutMs / 1000} s` }), options.timeoutMs);
    const outgoing = request(requestOptions, (response) => readResponse(response, where, settle));
    outgoing.on('error', (error) => settle(requestErrorAnswer(error, where)));
    outgoing.end();
  });
}

function readResponse(response: IncomingMessage, where: string, settle: (answer: OneAnswer) => void): void {
  const status = response.statusCode ?? 0;
  response.on('error', (error) => settle({ kind: 'failed', detail: `${where}: the download broke off (${error.message})` }));
  if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
    settle({ kind: 'redirect', location: response.headers.location });
    return;
  }
  if (status === 404 || status === 410) {
    settle({ kind: 'missing', detail: `${where} publishes no settings (HTTP ${status})` });
    return;
  }
  if (status !== 200) {
    settle({ kind: 'failed', detail: `${where} answered HTTP ${status}` });
    return;
  }
  const declared = Number(response.headers['content-length'] ?? 0);
  if (declared > MAX_AUTOCONFIG_BYTES) {
    settle({ kind: 'failed', detail: `${where} offered ${declared} bytes, far more than a settings file (at most ${MAX_AUTOCONFIG_BYTES / 1024} KiB)` });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_AUTOCONFIG_BYTES) settle({ kind: 'failed', detail: `${where} sent more than ${MAX_AUTOCONFIG_BYTES / 1024} KiB: not a settings file` });
    else chunks.push(chunk);
  });
  response.on('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks).toString('utf8') }));
}

function requestErrorAnswer(error: Error, where: string): OneAnswer {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOTFOUND' || code === 'ENODATA') return { kind: 'missing', detail: `${where} does not exist` };
  if (code === 'ECONNREFUSED') return { kind: 'missing', detail: `${where} has no secure web server (connection refused)` };
  if (code === 'ABORT_ERR') return { kind: 'failed', detail: `${where}: stopped` };
  if (isDnsFailure(error)) return { kind: 'failed', detail: `${where} could not be looked up (${dnsErrorWords(error)})` };
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return { kind: 'failed', detail: `${where}’s certificate is not valid (${code}); its settings were not used` };
  return { kind: 'failed', detail: `${where} failed: ${error.message}` };
}
