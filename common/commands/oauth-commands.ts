import * as z from 'zod/mini';
import type { OAuthGrant, OAuthProviderInfo } from '../model/oauth';
import { declareCommands, returns } from './declare';
import { emailAddress, id } from './schemas';

/** OAuth2 sign-in (authorization code with PKCE, RFC 7636, through the system browser, RFC 8252). */
export const OAUTH_COMMANDS = declareCommands({
  'oauth:providers': { params: z.null(), result: returns<OAuthProviderInfo[]>() },
  /**
   * Opens the provider's sign-in page and waits for its redirect. Without `accountId` the grant is
   * held for `account:add` (AccountDraft.oauth); with it, the account's tokens are replaced ("sign
   * in again") and its devices reconnect. `flowId` names the flow for `oauth:cancel`.
   */
  'oauth:signIn': { params: z.object({ flowId: id, provider: id, address: emailAddress, accountId: z.optional(id) }), result: returns<OAuthGrant>() },
  'oauth:cancel': { params: z.object({ flowId: id }), result: returns<null>() },
});
