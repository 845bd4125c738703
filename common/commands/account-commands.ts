import * as z from 'zod/mini';
import type { AccountSummary } from '../model/account';
import { declareCommands, returns } from './declare';
import { accountDraft, id } from './schemas';

/** Accounts as a whole: set up (after checking the logins), listed, removed. */
export const ACCOUNT_COMMANDS = declareCommands({
  'accounts:list': { params: z.null(), result: returns<AccountSummary[]>() },
  /** Checks the logins (incoming and SMTP) before anything is saved. */
  'account:add': { params: accountDraft, result: returns<AccountSummary>() },
  'account:remove': { params: z.object({ accountId: id }), result: returns<null>() },
});
