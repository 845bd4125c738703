import type { WireError } from '../../common/result';

/** An error already classified for the user; thrown inside main, sent as a WireError. */
export class ProtocolError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'ProtocolError';
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
