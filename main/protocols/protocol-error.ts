import type { ErrorCode } from '../../common/errors';
import { refusalEnglish, type Refusal } from '../../common/model/refusals';
import type { ErrorWords } from '../../common/model/main-words';
import type { ErrorDetails, WireError } from '../../common/result';

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

/** A refusal of main's own: its English is the message, its values go to the window to be said in its language. */
export function refusedError(code: ErrorCode, refusal: Refusal, details?: ErrorDetails): ProtocolError {
  return new ProtocolError({ code, message: refusalEnglish(refusal), refusal, ...(details ? { details } : {}) });
}

/** A wire error as a status line or a notice carries it: its code, main's words, and what was refused. */
export function errorWords(wire: WireError): ErrorWords {
  return wire.refusal ? { code: wire.code, message: wire.message, refusal: wire.refusal } : { code: wire.code, message: wire.message };
}
