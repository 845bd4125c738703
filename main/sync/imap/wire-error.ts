import type { WireError } from '../../../common/result';
import { classifyConnectionError } from '../../protocols/connection-errors';
import { isProtocolError } from '../../protocols/protocol-error';

/** Any failure of IMAP work, as the error the UI is shown. */
export function toWire(error: unknown): WireError {
  return isProtocolError(error) ? error.wire : classifyConnectionError(error, 'imap');
}

/** A server's refusal (tagged NO/BAD): repeating the same command will not help. */
export function isServerRefusal(error: unknown): boolean {
  const status = (error as { responseStatus?: unknown }).responseStatus;
  return status === 'NO' || status === 'BAD';
}
