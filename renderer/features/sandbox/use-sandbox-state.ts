import { useEffect, useState } from 'react';
import type { SandboxState } from '../../../common/model/sandbox';
import { getApi } from '../../bridge/api';

/** The sandbox as main last reported it: asked once, then kept current by 'sandbox:state' events. */
export function useSandboxState(): SandboxState | null {
  const [state, setState] = useState<SandboxState | null>(null);
  useEffect(() => {
    const api = getApi();
    let fresh = false;
    const off = api.on('sandbox:state', (next) => {
      fresh = true;
      setState(next);
    });
    // An event that arrived while the question was on its way is newer than the answer.
    void api.commands['sandbox:state'](null).then((r) => r.ok && !fresh && setState(r.value));
    return off;
  }, []);
  return state;
}
