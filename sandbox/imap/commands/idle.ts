import type { CommandSpec } from '../session-types';

/** RFC 2177 IDLE: changes by other sessions are pushed until the client sends DONE. */
export const idle: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: async (session, args) => {
    args.end();
    const line = await session.idle();
    if (line === null) return { status: 'BAD', text: 'Connection closed while idling' };
    if (line.toString('latin1').trim().toUpperCase() !== 'DONE') return { status: 'BAD', text: 'Expected DONE' };
    return { status: 'OK', text: 'IDLE terminated' };
  },
};
