import { join } from 'node:path';
import type { AccountSummary } from '../../common/model/account';
import { readJsonFile, writeFileDurable } from '../../node-lib/durable-file';

/** The accounts of one profile, in `accounts.json`. Holds no passwords. */
export class AccountStore {
  private accounts: AccountSummary[] = [];
  private readonly path: string;

  constructor(profileDir: string) {
    this.path = join(profileDir, 'accounts.json');
  }

  async load(): Promise<AccountSummary[]> {
    const stored = await readJsonFile<{ accounts: AccountSummary[] }>(this.path, { accounts: [] });
    this.accounts = stored.accounts;
    return this.list();
  }

  list(): AccountSummary[] {
    return this.accounts.map((account) => structuredClone(account));
  }

  get(accountId: string): AccountSummary | null {
    const account = this.accounts.find((a) => a.id === accountId);
    return account ? structuredClone(account) : null;
  }

  async save(account: AccountSummary): Promise<void> {
    const index = this.accounts.findIndex((a) => a.id === account.id);
    if (index === -1) this.accounts.push(structuredClone(account));
    else this.accounts[index] = structuredClone(account);
    await this.persist();
  }

  async remove(accountId: string): Promise<void> {
    this.accounts = this.accounts.filter((a) => a.id !== accountId);
    await this.persist();
  }

  private persist(): Promise<void> {
    return writeFileDurable(this.path, JSON.stringify({ accounts: this.accounts }, null, 2));
  }
}
