import type { CommandSpec } from '../session-types';
import { str } from '../response';

/** RFC 5161 ENABLE, for CONDSTORE and QRESYNC (RFC 7162 §3.2.3: QRESYNC implies CONDSTORE). */
export const enable: CommandSpec = {
  states: ['authenticated'],
  run: (session, args) => {
    const newly: string[] = [];
    if (args.remaining === 0) args.atom('capability to enable');
    while (args.remaining > 0) {
      const extension = args.atom('capability');
      const implied = extension === 'QRESYNC' ? (['CONDSTORE', 'QRESYNC'] as const) : extension === 'CONDSTORE' ? (['CONDSTORE'] as const) : [];
      for (const name of implied) {
        if (session.enabled.has(name)) continue;
        session.enabled.add(name);
        newly.push(name);
      }
    }
    // RFC 5161 §3.1: only what this command newly enabled; unknown names are ignored.
    session.untagged('ENABLED', ...newly);
    return { status: 'OK', text: 'Enabled' };
  },
};

/** RFC 2342 NAMESPACE: one personal namespace, no prefix, "/" as delimiter. */
export const namespace: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => {
    args.end();
    session.untagged('NAMESPACE', [[str(''), str('/')]], null, null);
    return { status: 'OK', text: 'Namespace completed' };
  },
};
