import { safeFilename } from './safe-filename';

/**
 * Hands bytes to the system's save (a download in the browser, Electron's save dialog) under a
 * safe version of `name`. The object URL is kept a minute: the download reads it after click().
 */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(name);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
