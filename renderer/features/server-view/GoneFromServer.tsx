import { useLiveQuery } from 'dexie-react-hooks';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceSummary, PopRetention } from '../../../common/model/account';
import type { PopServerView } from '../../../common/model/server-view';
import { shortDay } from '../../app/format';
import { readDb } from '../../cache/read-db';
import { deletionRuleText } from '../../i18n/pop-decision-words';

interface GoneRow {
  key: string;
  uidl: string;
  /** null: the message is no longer in this device's cache either. */
  subject: string | null;
  deviceName: string;
  deletedAt: number;
  /** The setting in force when it was deleted; null when not recorded. */
  deletedUnder: PopRetention | null;
}

/**
 * Messages some POP device of this account deleted from the server and that the server does not
 * list again (`listed`: after a sandbox reset they are back, and no longer "deleted"), newest first.
 */
async function deletedByDevices(devices: DeviceSummary[], listed: ReadonlySet<string>): Promise<GoneRow[]> {
  const rows: GoneRow[] = [];
  for (const device of devices) {
    const db = readDb(device.dbName);
    const states = await db.popState.filter((s) => s.serverDeletedBy === 'this-device' && s.serverDeletedAt !== null && !listed.has(s.uidl)).toArray();
    const messages = await db.messages.bulkGet(states.map((s) => s.messageId));
    states.forEach((state, i) => {
      rows.push({
        key: `${device.id}/${state.uidl}`,
        uidl: state.uidl,
        subject: messages[i]?.subject || null,
        deviceName: device.name,
        deletedAt: state.serverDeletedAt!,
        deletedUnder: state.deletedUnder ?? null,
      });
    });
  }
  return rows.sort((a, b) => b.deletedAt - a.deletedAt);
}

/**
 * Why a message is missing from the maildrop: which device of this account deleted it, and by
 * which rule — the one in force when it did, recorded with the deletion, not today's setting.
 */
export function GoneFromServer({ devices, view }: { devices: DeviceSummary[]; view: PopServerView }) {
  const intl = useIntl();
  const popDevices = devices.filter((d) => d.mode === 'pop3');
  const listedKey = view.messages.flatMap((m) => (m.uidl ? [m.uidl] : [])).join('\n');
  const rows = useLiveQuery(() => deletedByDevices(popDevices, new Set(listedKey.split('\n'))), [popDevices.map((d) => d.dbName).join('|'), listedKey]);
  if (!rows || rows.length === 0) return null;
  return (
    <section className="gone" aria-label={intl.formatMessage({ id: 'serverView.gone.title', defaultMessage: 'Deleted from the server by this account’s devices' })}>
      <h3>
        <FormattedMessage id="serverView.gone.title" defaultMessage="Deleted from the server by this account’s devices" />
      </h3>
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            <FormattedMessage
              id="serverView.gone.row"
              defaultMessage="“{subject}” (UIDL {uidl}) — deleted from the server by {device} on {day}; {setting}. Other devices can no longer download it."
              values={{
                subject: row.subject ?? intl.formatMessage({ id: 'serverView.gone.noSubject', defaultMessage: '(no longer here either)' }),
                uidl: row.uidl,
                device: row.deviceName,
                day: shortDay(row.deletedAt),
                setting: deletionRuleText(row.deletedUnder, intl),
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
