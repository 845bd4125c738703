import type { ErrorCode } from './errors';
import type { Refusal } from './model/refusals';

/** A failure as it crosses the process boundary: a stable code, words for people, and optional details. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** What was refused, as values: the window says it in its language; `message` is main's English of it. */
  refusal?: Refusal;
  details?: ErrorDetails;
}

/** Extra facts some errors carry so the UI can offer the right next step. */
export interface ErrorDetails {
  /** Which server the error came from. */
  service?: 'imap' | 'pop3' | 'smtp';
  /** The certificate presented, when the error is about trusting it. */
  certificate?: CertificateInfo;
  /** The server's own words (IMAP response text, SMTP reply), when there were any. */
  serverResponse?: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint in Node's `AA:BB:…` form. */
  fingerprint256: string;
  /** Why the system did not trust it, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  reason: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(error: WireError): Result<never> {
  return { ok: false, error };
}
