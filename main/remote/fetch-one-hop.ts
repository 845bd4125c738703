import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { formatOctets } from '../../common/model/raw-source';

/** Image types a page may be given as data: URLs. No SVG: it is a document that can carry script and links. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/vnd.microsoft.icon']);

/** Bytes this whole call may still read; shared by the images of one message. */
export interface ByteBudget {
  remaining: number;
}

export type HopResult =
  | { kind: 'image'; contentType: string; bytes: Buffer }
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; reason: string };

export interface HopRequest {
  url: URL;
  /** The address already checked for this URL's host: the connection goes there and nowhere else. */
  address: string;
  family: number;
  maxBytes: number;
  budget: ByteBudget;
  signal: AbortSignal;
}

/**
 * One HTTP(S) request for an image, without following redirects (the caller checks each hop).
 * The body is read as a stream and the request aborted as soon as it passes the image's cap or
 * the message's budget, so a server sending gigabytes costs at most the cap in memory.
 */
export function fetchOneHop({ url, address, family, maxBytes, budget, signal }: HopRequest): Promise<HopResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HopResult): void => {
      if (settled) return;
      settled = true;
      request.destroy();
      resolve(result);
    };
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const options = {
      host: address,
      family,
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      agent: false,
      signal,
      // TLS: the certificate must name the host the URL names, even though we connect by address.
      servername: isIP(hostname) ? undefined : hostname,
      headers: { Host: url.host, Accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif', 'Accept-Encoding': 'identity', 'User-Agent': 'Porthole' },
    };
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(options, (response) => onResponse(response));

    const onResponse = (response: IncomingMessage): void => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      // RFC 9110 §15.4: the redirect is followed by the caller, hop by hop, each one checked.
      if ([301, 302, 303, 307, 308].includes(status) && location) return finish({ kind: 'redirect', location });
      if (status !== 200) return finish({ kind: 'refused', reason: `The server answered ${status}.` });
      const contentType = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!IMAGE_TYPES.has(contentType)) return finish({ kind: 'refused', reason: `Not an image this app shows (${contentType || 'no type'}).` });
      const encoding = (response.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity') return finish({ kind: 'refused', reason: `The image came compressed (${encoding}).` });
      const declared = Number(response.headers['content-length'] ?? 0);
      if (declared > maxBytes) return finish({ kind: 'refused', reason: `The image is larger than ${formatOctets(maxBytes)}.` });
      if (declared > budget.remaining) return finish({ kind: 'refused', reason: 'The images of this message together are too large.' });
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        budget.remaining -= chunk.length;
        if (received > maxBytes) return finish({ kind: 'refused', reason: `The image is larger than ${formatOctets(maxBytes)}.` });
        if (budget.remaining < 0) return finish({ kind: 'refused', reason: 'The images of this message together are too large.' });
        chunks.push(chunk);
      });
      response.on('end', () => finish({ kind: 'image', contentType, bytes: Buffer.concat(chunks, received) }));
      response.on('error', () => finish({ kind: 'refused', reason: 'The server broke off the image.' }));
    };

    request.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) finish({ kind: 'refused', reason: 'The server took too long to send the image.' });
      else finish({ kind: 'refused', reason: `The image could not be fetched (${error.code ?? error.message}).` });
    });
    request.end();
  });
}
