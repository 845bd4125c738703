import type { FetchedImage } from '../../common/contract';
import { bytesToBase64 } from '../../common/wire';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

/**
 * Fetches the remote images of one message after the user asked for them. Main fetches them,
 * not the page: the page never talks to the network, and gets `data:` URLs of images only.
 */
export async function fetchRemoteImages(urls: string[]): Promise<FetchedImage[]> {
  return Promise.all(urls.map(async (url) => ({ url, dataUrl: await fetchImage(url).catch(() => null) })));
}

async function fetchImage(url: string): Promise<string | null> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const response = await fetch(parsed, { redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit' });
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!response.ok || !type.startsWith('image/') || type === 'image/svg+xml') return null;
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_IMAGE_BYTES) return null;
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) return null;
  return `data:${type};base64,${bytesToBase64(bytes)}`;
}
