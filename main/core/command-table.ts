import { accountHandlers, type AccountServices } from './account-handlers';
import { appHandlers, type AppServices } from './app-handlers';
import { deviceHandlers, type DeviceServices } from './device-handlers';
import { discoveryHandlers, type DiscoveryServices } from './discovery-handlers';
import { mailHandlers, type MailServices } from './mail-handlers';
import { notifyHandlers, type NotifyServices } from './notify-handlers';
import { oauthHandlers, type OAuthServices } from './oauth-handlers';
import { sandboxHandlers, type SandboxServices } from './sandbox-handlers';
import { switchHandlers, type SwitchServices } from './switch-handlers';
import { exactly, type CommandHandlers } from './handler-types';

/** What the handlers need, all together: the core gives each module only its own part. */
export type CoreServices = AppServices & AccountServices & DiscoveryServices & OAuthServices & DeviceServices & SwitchServices & MailServices & NotifyServices & SandboxServices;

/**
 * The one table that attaches a handler to each declared command. Its type requires exactly the
 * declared commands: a command without a handler, or a handler without a command, does not compile
 * (test/unit/main/core/command-table.test.ts proves both).
 */
export function commandTable(services: CoreServices): CommandHandlers {
  return exactly<CommandHandlers>()({
    ...appHandlers(services),
    ...accountHandlers(services),
    ...discoveryHandlers(services),
    ...oauthHandlers(services),
    ...deviceHandlers(services),
    ...switchHandlers(services),
    ...mailHandlers(services),
    ...notifyHandlers(services),
    ...sandboxHandlers(services),
  });
}

