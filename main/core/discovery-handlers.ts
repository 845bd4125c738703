import type { DISCOVERY_COMMANDS } from '../../common/commands/discovery-commands';
import { discover } from '../discovery/discover';
import type { DiscoveryOptions } from '../discovery/options';
import type { HandlersFor } from './handler-types';

export interface DiscoveryServices {
  discovery: DiscoveryOptions;
}

export function discoveryHandlers(services: DiscoveryServices): HandlersFor<keyof typeof DISCOVERY_COMMANDS> {
  return {
    // Never rejects: every step's failure is in the report, and the report always arrives in time.
    'account:discover': ({ address }) => discover(address, services.discovery),
  };
}
