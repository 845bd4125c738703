import * as oauth from 'oauth4webapi';

/** Words for why a request to a provider failed: its own error, no answer in time, or no answer at all. */
export function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof oauth.ResponseBodyError) {
    return `the provider answered “${error.error}”${error.error_description ? ` (${error.error_description})` : ''}.`;
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return `the provider answered “${error.error}”${error.error_description ? ` (${error.error_description})` : ''}.`;
  }
  if (isTimeout(error)) return `the provider did not answer within ${duration(timeoutMs)}.`;
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}.`;
}

export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'));
}

/** The provider refused a refresh token for good (RFC 6749 §5.2): only a new sign-in helps. */
export function isRefusedGrant(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant';
}

function duration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
