import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_POP_SETTINGS, type DeviceSummary } from '../../../common/model/account';
import { describeRetention } from '../../../common/model/retention-words';
import { shortDay } from '../../app/format';
import { readDb } from '../../cache/read-db';

interface GoneRow {
  key: string;
  uidl: string;
  subject: string;
  deviceName: string;
  deletedAt: number;
  setting: string;
}

/** Messages some POP device of this account deleted from the server, newest first. */
async function deletedByDevices(devices: DeviceSummary[]): Promise<GoneRow[]> {
  const rows: GoneRow[] = [];
  for (const device of devices) {
    const db = readDb(device.dbName);
    const states = await db.popState.filter((s) => s.serverDeletedBy === 'this-device' && s.serverDeletedAt !== null).toArray();
    const messages = await db.messages.bulkGet(states.map((s) => s.messageId));
    states.forEach((state, i) => {
      rows.push({
        key: `${device.id}/${state.uidl}`,
        uidl: state.uidl,
        subject: messages[i]?.subject || '(no longer here either)',
        deviceName: device.name,
        deletedAt: state.serverDeletedAt!,
        setting: describeRetention((device.pop ?? DEFAULT_POP_SETTINGS).retention).title,
      });
    });
  }
  return rows.sort((a, b) => b.deletedAt - a.deletedAt);
}

/** Why a message is missing from the maildrop: which device of this account deleted it, and its setting. */
export function GoneFromServer({ devices }: { devices: DeviceSummary[] }) {
  const popDevices = devices.filter((d) => d.mode === 'pop3');
  const rows = useLiveQuery(() => deletedByDevices(popDevices), [popDevices.map((d) => `${d.dbName}:${JSON.stringify(d.pop)}`).join('|')]);
  if (!rows || rows.length === 0) return null;
  return (
    <section className="gone" aria-label="Deleted from the server by this account’s devices">
      <h3>Deleted from the server by this account’s devices</h3>
      <ul>
        {rows.map((row) => (
          <li key={row.key}>
            “{row.subject}” (UIDL {row.uidl}) — deleted from the server by {row.deviceName} on {shortDay(row.deletedAt)}; its setting: {row.setting}. Other devices can no longer download it.
          </li>
        ))}
      </ul>
    </section>
  );
}
