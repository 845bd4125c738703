import { useCallback, useRef, useState } from 'react';
import type { DiscoveryReport } from '../../../common/model/discovery';
import type { WireError } from '../../../common/result';
import { getApi } from '../../bridge/api';

export type DiscoveryState =
  | { phase: 'idle' }
  | { phase: 'looking'; address: string }
  | { phase: 'done'; report: DiscoveryReport }
  | { phase: 'failed'; address: string; error: WireError };

/**
 * `account:discover` for the setup form. Only the address goes out (never a password). A lookup
 * the user cancelled, or one overtaken by a newer address, is dropped when it answers.
 */
export function useDiscovery(): {
  state: DiscoveryState;
  /** The report, or null when the lookup failed or was dropped (cancelled, or a newer one started). */
  discover(address: string): Promise<DiscoveryReport | null>;
  reset(): void;
} {
  const [state, setState] = useState<DiscoveryState>({ phase: 'idle' });
  const latest = useRef(0);

  const discover = useCallback(async (address: string): Promise<DiscoveryReport | null> => {
    const request = ++latest.current;
    setState({ phase: 'looking', address });
    let next: DiscoveryState;
    try {
      const result = await getApi().commands['account:discover']({ address });
      next = result.ok ? { phase: 'done', report: result.value } : { phase: 'failed', address, error: result.error };
    } catch (error) {
      next = { phase: 'failed', address, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
    if (request !== latest.current) return null;
    setState(next);
    return next.phase === 'done' ? next.report : null;
  }, []);

  const reset = useCallback((): void => {
    latest.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, discover, reset };
}
