const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)\s*$/i;

/**
 * A name safe to offer as a download: no folders (`../`, absolute and UNC paths), no control,
 * bidi or zero-width characters (a right-to-left override can hide ".exe"), no Windows device
 * names or trailing dots, and not too long.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .trim();
  if (WINDOWS_DEVICE.test(cleaned.split('.')[0] ?? '')) cleaned = `_${cleaned}`;
  if (cleaned.length > 200) {
    const dot = cleaned.lastIndexOf('.');
    const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    cleaned = cleaned.slice(0, 200 - extension.length) + extension;
  }
  return cleaned || 'attachment';
}
