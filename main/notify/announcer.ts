import type { NewMail, NotifySettings } from '../../common/contract';
import { announcingDevice } from '../../common/model/announcements';
import type { AccountSummary, DeviceSummary } from '../../common/model/account';
import { announcementOf, type Arrival } from './new-mail';

export interface AnnouncerDeps {
  /** The account a device belongs to (null: removed meanwhile). */
  accountOf(deviceId: string): AccountSummary | null;
  /** Whether the device's engine runs now. */
  running(accountId: string, device: DeviceSummary): boolean;
  settings(): Promise<NotifySettings>;
  announce(mail: NewMail): void;
  /** A failure to read the settings: logged, never thrown into a sync. */
  failed(error: unknown): void;
}

/**
 * Turns a device's arrivals into `mail:new` announcements. Only the account's announcing device
 * speaks (announcingDevice: its first running IMAP device, else its first running device), so two
 * devices of one account never announce the same message twice; the rules of what is announced
 * are in new-mail.ts.
 */
export class NewMailAnnouncer {
  constructor(private readonly deps: AnnouncerDeps) {}

  arrived(deviceId: string, arrival: Arrival): void {
    void this.announce(deviceId, arrival).catch((error: unknown) => this.deps.failed(error));
  }

  private async announce(deviceId: string, arrival: Arrival): Promise<void> {
    const account = this.deps.accountOf(deviceId);
    if (!account) return;
    if (announcingDevice(account, (d) => this.deps.running(account.id, d))?.id !== deviceId) return;
    const mail = announcementOf(arrival, { accountId: account.id, deviceId }, await this.deps.settings());
    if (mail) this.deps.announce(mail);
  }
}
