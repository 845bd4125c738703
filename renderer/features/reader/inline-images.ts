import { useEffect, useState } from 'react';
import type { AttachmentMeta, BodyRecord } from '../../../common/model/mail';
import { attachmentBlob } from '../../cache/hooks';
import { contentIdKey } from './content-id';

/**
 * Images a message carries for its own HTML (RFC 2392: `<img src="cid:…">` names a part by its
 * Content-ID), read from the cache and handed to the frame as data: URLs, the only images its
 * policy loads. Only raster types: nothing that could carry script or other references (SVG).
 */
const INLINE_IMAGE_TYPES = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i;
/** Past these, an image stays blocked like a remote one: a data: URL holds it in the page twice. */
const MAX_INLINE_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_INLINE_TOTAL_BYTES = 32 * 1024 * 1024;

/** The parts of a body its HTML may show in place, within the limits above. */
export function inlineImageParts(body: Pick<BodyRecord, 'html' | 'attachments'>): AttachmentMeta[] {
  if (!body.html || !/cid:/i.test(body.html)) return [];
  let total = 0;
  return body.attachments.filter((meta) => {
    if (!meta.contentId || !INLINE_IMAGE_TYPES.test(meta.contentType) || meta.size > MAX_INLINE_IMAGE_BYTES || total + meta.size > MAX_INLINE_TOTAL_BYTES) return false;
    total += meta.size;
    return true;
  });
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(blob);
  });
}

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * Content-ID (contentIdKey) → data: URL of each inline image of the body that the cache holds. A
 * part the cache does not hold (not downloaded, or refused) is left out: its cid: stays blocked.
 */
export function loadInlineImages(dbName: string, body: BodyRecord, stillWanted: () => boolean = () => true): Promise<ReadonlyMap<string, string>> {
  return loadInlineImagesFrom((meta) => attachmentBlob(dbName, meta), body, stillWanted);
}

/** The same, with each part's bytes from `blobOf` (a message file keeps its parts in memory, not in the cache). */
export async function loadInlineImagesFrom(blobOf: (meta: AttachmentMeta) => Promise<Blob | undefined>, body: BodyRecord, stillWanted: () => boolean = () => true): Promise<ReadonlyMap<string, string>> {
  const images = new Map<string, string>();
  for (const meta of inlineImageParts(body)) {
    const blob = await blobOf(meta).catch(() => undefined);
    if (!stillWanted()) break;
    const url = blob && blob.size <= MAX_INLINE_IMAGE_BYTES ? await dataUrl(blob).catch(() => '') : '';
    if (url) images.set(contentIdKey(meta.contentId!), url);
  }
  return images;
}

/** loadInlineImages for the reader: empty until they are read, then once with all of them (the frame is drawn again once, not per image). */
export function useInlineImages(dbName: string, body: BodyRecord | null | undefined): ReadonlyMap<string, string> {
  const [loaded, setLoaded] = useState<{ messageId: string; images: ReadonlyMap<string, string> } | null>(null);
  useEffect(() => {
    if (!body || inlineImageParts(body).length === 0) return;
    let current = true;
    void loadInlineImages(dbName, body, () => current).then((images) => current && setLoaded({ messageId: body.messageId, images }));
    return () => {
      current = false;
    };
  }, [dbName, body]);
  return loaded && body && loaded.messageId === body.messageId ? loaded.images : NONE;
}
