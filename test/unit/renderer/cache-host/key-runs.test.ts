import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteByKeys, getByKeys, takeByKeys } from '../../../../renderer/cache-host/key-runs';
import type { DeviceCache } from '../../../../renderer/cache-host/schema';
import { body } from '../../factories';
import { openDeviceCache } from '../cache/fake-idb';

const opened: DeviceCache[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) await db.delete();
});

/** A cache whose bodies table holds these message ids. */
async function withBodies(ids: string[]): Promise<DeviceCache> {
  const db = openDeviceCache('key-runs');
  opened.push(db);
  await db.bodies.bulkPut(ids.map((messageId) => body({ messageId, text: `text of ${messageId}` })));
  return db;
}

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('getByKeys', () => {
  it('reads keys that sit together as one range, and finds exactly them', async () => {
    const db = await withBodies([...ids('local:a', 50), ...ids('local:b', 5)]);
    const bulkGet = vi.spyOn(db.bodies, 'bulkGet');

    const found = await getByKeys(db.bodies, [...ids('local:a', 50)].reverse(), (b) => b.messageId);

    expect([...found.keys()].sort()).toEqual(ids('local:a', 50));
    expect(found.get('local:a007')?.text).toBe('text of local:a007');
    expect(bulkGet).not.toHaveBeenCalled();
  });

  it('reads key by key when the range holds much else, and leaves out keys that are not there', async () => {
    const db = await withBodies(ids('local:', 300));
    const bulkGet = vi.spyOn(db.bodies, 'bulkGet');

    const found = await getByKeys(db.bodies, ['local:000', 'local:299', 'local:nothing'], (b) => b.messageId);

    expect([...found.keys()].sort()).toEqual(['local:000', 'local:299']);
    expect(bulkGet).toHaveBeenCalledTimes(1);
  });

  it('gives nothing for no keys, or keys of an empty range', async () => {
    const db = await withBodies(ids('local:', 3));
    expect((await getByKeys(db.bodies, [], (b) => b.messageId)).size).toBe(0);
    expect((await getByKeys(db.bodies, ['server:INBOX#1', 'server:INBOX#2'], (b) => b.messageId)).size).toBe(0);
  });
});

describe('deleteByKeys', () => {
  it('deletes a range that holds only the keys given, in one request', async () => {
    const db = await withBodies([...ids('local:a', 40), ...ids('local:b', 3)]);
    const bulkDelete = vi.spyOn(db.bodies, 'bulkDelete');

    await deleteByKeys(db.bodies, ids('local:a', 40));

    expect(await db.bodies.toCollection().primaryKeys()).toEqual(ids('local:b', 3));
    expect(bulkDelete).not.toHaveBeenCalled();
  });

  it('never deletes a record between the keys that was not given', async () => {
    const db = await withBodies(ids('local:', 10));

    await deleteByKeys(db.bodies, ['local:002', 'local:005', 'local:009', 'local:missing']);

    expect(await db.bodies.toCollection().primaryKeys()).toEqual(['local:000', 'local:001', 'local:003', 'local:004', 'local:006', 'local:007', 'local:008']);
  });
});

describe('takeByKeys', () => {
  it('reads and deletes a range that holds only the keys given: one key read, one getAll, one range delete', async () => {
    const db = await withBodies([...ids('local:a', 40), ...ids('local:b', 3)]);
    const bulkDelete = vi.spyOn(db.bodies, 'bulkDelete');
    const keyReads = vi.spyOn(db.bodies, 'where');

    const taken = await takeByKeys(db.bodies, ids('local:a', 40), (b) => b.messageId);

    expect(taken.map((b) => b.messageId).sort()).toEqual(ids('local:a', 40));
    expect(await db.bodies.toCollection().primaryKeys()).toEqual(ids('local:b', 3));
    expect(bulkDelete).not.toHaveBeenCalled();
    // The range is made twice (read, delete); its keys are asked for once.
    expect(keyReads).toHaveBeenCalledTimes(2);
  });

  it('never takes a record between the keys that was not given, nor fails on keys that are not there', async () => {
    const db = await withBodies(ids('local:', 10));

    const taken = await takeByKeys(db.bodies, ['local:002', 'local:005', 'local:missing'], (b) => b.messageId);

    expect(taken.map((b) => b.messageId).sort()).toEqual(['local:002', 'local:005']);
    expect(await db.bodies.toCollection().primaryKeys()).toEqual(['local:000', 'local:001', 'local:003', 'local:004', 'local:006', 'local:007', 'local:008', 'local:009']);
    expect(await takeByKeys(db.bodies, [], (b) => b.messageId)).toEqual([]);
  });
});
