import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { MessageRecord } from '../../../common/model/mail';
import { formatOctets } from '../../../common/model/raw-source';
import { readDb } from '../../cache/read-db';
import { safeFilename } from './safe-filename';

/**
 * The whole source of a message kept in pieces, as one Blob: read one piece at a time, each
 * wrapped in a Blob of its own, so the page never holds the message as one array (Chromium keeps
 * large Blobs on disk).
 */
export async function largeSourceBlob(dbName: string, messageId: string): Promise<Blob> {
  const db = readDb(dbName);
  const keys = await db.rawSourceChunks.where('messageId').equals(messageId).primaryKeys();
  keys.sort((a, b) => a[1] - b[1]);
  const parts: Blob[] = [];
  for (const key of keys) {
    const chunk = await db.rawSourceChunks.get(key);
    if (chunk) parts.push(new Blob([chunk.bytes as Uint8Array<ArrayBuffer>]));
  }
  return new Blob(parts, { type: 'message/rfc822' });
}

async function saveWholeMessage(dbName: string, message: MessageRecord): Promise<void> {
  const url = URL.createObjectURL(await largeSourceBlob(dbName, message.id));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFilename(`${message.subject.trim() || 'message'}.eml`);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * For a message too large to show (its source is kept in pieces): says so and offers its whole
 * source as an .eml file. Renders nothing for every other message.
 */
export function LargeMessageNotice({ dbName, message }: { dbName: string; message: MessageRecord }) {
  // Pieces count only once the body is written: it comes in the transaction after the last piece
  // (a header-only message being fetched whole has pieces, not all of them yet, and no body).
  const pieces = useLiveQuery(async () => {
    const db = readDb(dbName);
    return (await db.bodies.get(message.id)) ? db.rawSourceChunks.where('messageId').equals(message.id).count() : 0;
  }, [dbName, message.id]);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'failed'>('idle');
  if (!pieces) return null;
  const save = (): void => {
    setSaving('saving');
    saveWholeMessage(dbName, message).then(
      () => setSaving('idle'),
      () => setSaving('failed'),
    );
  };
  return (
    <div className="large-message" role="note">
      <p>Only the headers of this message are shown: it is {formatOctets(message.size)}. The whole message is kept on this computer.</p>
      <button type="button" onClick={save} disabled={saving === 'saving'}>
        {saving === 'saving' ? 'Preparing the file…' : 'Save the whole message (.eml)'}
      </button>
      {saving === 'failed' && <p className="error-text">The message could not be read from the local cache.</p>}
    </div>
  );
}
