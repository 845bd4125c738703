import type { FetchedImage } from '../../common/contract';
import { boundedSignal } from '../../node-lib/bounded-signal';
import { publicAddressesOnly, type AddressPolicy } from './address-policy';
import { checkedAddress, systemLookup, type HostLookup } from './checked-address';
import { fetchOneHop, type ByteBudget } from './fetch-one-hop';

export interface RemoteImageLimits {
  /** Images fetched per call (one message); the rest are refused. */
  maxImages: number;
  maxImageBytes: number;
  /** All images of one call together. */
  maxTotalBytes: number;
  /** Per image, every hop included. */
  timeoutMs: number;
  /** For the whole call. */
  callTimeoutMs: number;
  maxRedirects: number;
  /** Images fetched at the same time. */
  parallel: number;
}

export const DEFAULT_IMAGE_LIMITS: RemoteImageLimits = {
  maxImages: 100,
  maxImageBytes: 5 * 1024 * 1024,
  maxTotalBytes: 25 * 1024 * 1024,
  timeoutMs: 10_000,
  callTimeoutMs: 30_000,
  maxRedirects: 3,
  parallel: 6,
};

let processPolicy: AddressPolicy = publicAddressesOnly;

/** Replaces the policy of every call that names none (the harness, started for tests that serve images). */
export function setDefaultAddressPolicy(policy: AddressPolicy): void {
  processPolicy = policy;
}

export interface RemoteImageOptions {
  /** Which addresses may be fetched; tests allow exactly their own server. */
  policy?: AddressPolicy;
  lookup?: HostLookup;
  limits?: Partial<RemoteImageLimits>;
}

export type ImageOutcome = { url: string; dataUrl: string; refused?: undefined } | { url: string; dataUrl: null; refused: string };

/**
 * Fetches the remote images of one message after the user asked for them. Main fetches them,
 * not the page: the page never talks to the network, and gets `data:` URLs of images only.
 */
export async function fetchRemoteImages(urls: string[], options: RemoteImageOptions = {}): Promise<FetchedImage[]> {
  return (await fetchImagesExplained(urls, options)).map(({ url, dataUrl }) => ({ url, dataUrl }));
}

/**
 * The same, with the reason for every image not fetched. Policy: only http(s), only addresses the
 * policy allows (checked again at every redirect, at most a few), only raster image types, each
 * image and all of them together under a byte cap, each within a timeout; a refused image is
 * reported as such and never fails the others.
 */
export async function fetchImagesExplained(urls: string[], options: RemoteImageOptions = {}): Promise<ImageOutcome[]> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  const policy = options.policy ?? processPolicy;
  const lookup = options.lookup ?? systemLookup;
  const budget: ByteBudget = { remaining: limits.maxTotalBytes };
  const callSignal = AbortSignal.timeout(limits.callTimeoutMs);
  const unique = [...new Set(urls)];
  const wanted = unique.slice(0, limits.maxImages);
  const outcomes = new Map<string, ImageOutcome>();
  for (const url of unique.slice(limits.maxImages)) outcomes.set(url, { url, dataUrl: null, refused: `Only the first ${limits.maxImages} images of a message are loaded.` });

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length) {
      const url = wanted[next++]!;
      // Not AbortSignal.any over a timeout signal: node-lib/bounded-signal.ts says why.
      const signal = boundedSignal(limits.timeoutMs, callSignal);
      const result = await fetchImage(url, { policy, lookup, limits, budget, signal }).catch(() => ({ refused: 'The image could not be fetched.' }));
      outcomes.set(url, 'dataUrl' in result ? { url, dataUrl: result.dataUrl } : { url, dataUrl: null, refused: result.refused });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.parallel, wanted.length) }, worker));
  return urls.map((url) => outcomes.get(url)!);
}

interface ImageRequest {
  policy: AddressPolicy;
  lookup: HostLookup;
  limits: RemoteImageLimits;
  budget: ByteBudget;
  signal: AbortSignal;
}

async function fetchImage(href: string, { policy, lookup, limits, budget, signal }: ImageRequest): Promise<{ dataUrl: string } | { refused: string }> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { refused: 'The image address is not valid.' };
  }
  for (let hop = 0; hop <= limits.maxRedirects; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: `Images are fetched over http and https only, not ${url.protocol}.` };
    if (url.username || url.password) return { refused: 'The image address carries a user name or password.' };
    if (budget.remaining <= 0) return { refused: 'The images of this message together are too large.' };
    const target = await checkedAddress(url, policy, lookup);
    if (target.kind === 'refused') return { refused: target.reason };
    if (signal.aborted) return { refused: 'The server took too long to send the image.' };
    const result = await fetchOneHop({ url, address: target.address, family: target.family, maxBytes: limits.maxImageBytes, budget, signal });
    if (result.kind === 'refused') return { refused: result.reason };
    if (result.kind === 'image') return { dataUrl: `data:${result.contentType};base64,${result.bytes.toString('base64')}` };
    try {
      url = new URL(result.location, url);
    } catch {
      return { refused: 'The server redirected to an address that is not valid.' };
    }
  }
  return { refused: `The server redirected more than ${limits.maxRedirects} times.` };
}
