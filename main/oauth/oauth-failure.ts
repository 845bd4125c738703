import * as oauth from 'oauth4webapi';
import type { OAuthFailure } from '../../common/model/refusals';

/** Why a request to a provider failed: its own error, no answer in time, or no answer at all. */
export function describeFailure(error: unknown, timeoutMs: number): OAuthFailure {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) {
    return { kind: 'answered', error: error.error, description: error.error_description || null };
  }
  if (isTimeout(error)) return { kind: 'timedOut', seconds: Math.max(1, Math.round(timeoutMs / 1000)) };
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return { kind: 'other', detail: `${error instanceof Error ? error.message : String(error)}${cause}` };
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'));
}

/** The provider refused a refresh token for good (RFC 6749 §5.2): only a new sign-in helps. */
export function isRefusedGrant(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant';
}
