import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh profile for a test's core or harness. Its preferences send at once (undo send off):
 * a test of another feature that sends waits for the message, not for the undo window. The
 * undo-send tests turn it on, as a user does, in Preferences (`send:setDelay`).
 */
export async function freshTestProfile(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await writeFile(join(dir, 'preferences.json'), JSON.stringify({ sendDelaySeconds: 0 }));
  return dir;
}
