import type { DiscoveryReport } from '../../common/model/discovery';
import { stepNotesEnglish, type StepNote } from '../../common/model/discovery-notes';
import { runChain, type ChainStep } from './chain';
import { discoveryNetwork } from './network';
import type { DiscoveryOptions } from './options';
import { addressDomain } from './proposal';
import { autoconfigStep } from './steps/autoconfig-step';
import type { StepContext } from './steps/context';
import { guessStep } from './steps/guess-step';
import { providerStep } from './steps/provider-step';
import { srvStep } from './steps/srv-step';

/** The whole answer arrives within this, whatever the network does. */
export const DISCOVERY_DEADLINE_MS = 9_500;

/**
 * Finds an address's servers (the chain in ARCHITECTURE.md, "Discovery"): the provider table, the
 * domain's autoconfig file, its SRV records, then guessing. Sends no password anywhere; never rejects.
 */
export async function discover(address: string, options: DiscoveryOptions): Promise<DiscoveryReport> {
  const domain = addressDomain(address);
  if (!domain) {
    const notes: StepNote[] = [{ kind: 'notADomain', text: address.slice(address.lastIndexOf('@') + 1) }];
    const detail = stepNotesEnglish(notes);
    return { address, found: null, steps: (['provider', 'autoconfig', 'srv', 'guess'] as const).map((source) => ({ source, outcome: 'nothing', detail, notes, ms: 0 })) };
  }
  const network = discoveryNetwork(options);
  const context: StepContext = { address: address.trim(), domain, network };
  const steps: ChainStep[] = [
    { source: 'provider', timeoutMs: 5_000, run: () => providerStep(context) },
    { source: 'autoconfig', timeoutMs: 6_000, run: (signal) => autoconfigStep(context, signal) },
    { source: 'srv', timeoutMs: 7_000, run: (signal) => srvStep(context, signal) },
    // Guessing knocks on the domain's hosts: only when the published ways found nothing complete so
    // far, or after 3 s so that it still fits inside the deadline.
    { source: 'guess', timeoutMs: 6_000, holdMs: 3_000, run: (signal) => guessStep(context, signal) },
  ];
  try {
    const outcome = await runChain(steps, { deadlineMs: DISCOVERY_DEADLINE_MS });
    return { address, ...outcome };
  } finally {
    network.close();
  }
}
