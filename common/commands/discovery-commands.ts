import * as z from 'zod/mini';
import type { DiscoveryReport } from '../model/discovery';
import { declareCommands, returns } from './declare';
import { emailAddress } from './schemas';

/** Finding an address's servers before an account exists (main/discovery/). Never sends a password. */
export const DISCOVERY_COMMANDS = declareCommands({
  'account:discover': { params: z.object({ address: emailAddress }), result: returns<DiscoveryReport>() },
});
