/** The harness's per-run token, passed in the URL fragment so it never reaches a server log. */
export function harnessToken(): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function harnessSocketUrl(role: 'app' | 'cache-host', token: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws?role=${role}&token=${encodeURIComponent(token)}`;
}

/**
 * Calls `onChange` when the address's token changes in this tab (the user opened the address a
 * restarted harness printed): the page then belongs to another run of the core.
 */
export function watchHarnessToken(current: string, onChange: () => void): void {
  window.addEventListener('hashchange', () => {
    if (harnessToken() !== current) onChange();
  });
}
