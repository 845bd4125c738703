import * as z from 'zod/mini';
import type { AccountSummary } from '../model/account';
import { declareCommands, returns } from './declare';
import { accountDraft, accountIdentities, accountUpdate, id } from './schemas';

/** Accounts as a whole: set up (after checking the logins), listed, changed, removed. */
export const ACCOUNT_COMMANDS = declareCommands({
  'accounts:list': { params: z.null(), result: returns<AccountSummary[]>() },
  /** Checks the logins (incoming and SMTP) before anything is saved. */
  'account:add': { params: accountDraft, result: returns<AccountSummary>() },
  /**
   * Changes an account's settings (see `accountUpdate` in schemas.ts): a changed server or password is checked
   * like at creation before anything is saved; cached mail and queued changes stay.
   */
  'account:update': { params: accountUpdate, result: returns<AccountSummary>() },
  'account:remove': { params: z.object({ accountId: id }), result: returns<null>() },
  /** The addresses the account writes from besides its own, each with Reply-To and signature; no server is asked. */
  'account:setIdentities': { params: z.object({ accountId: id, identities: accountIdentities }), result: returns<AccountSummary>() },
});
