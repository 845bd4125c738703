import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { DeviceRef, PartsProgress } from '../../../common/contract';
import type { MessageRecord } from '../../../common/model/mail';
import { sizeText } from '../../i18n/sizes';
import { useCommand } from '../../app/use-command';
import { getApi } from '../../bridge/api';
import { readDb } from '../../cache/read-db';
import { messageFileName } from './save-message-source';
import { saveBlob } from './save-blob';
import { errorText } from '../../i18n/error-words';

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
  saveBlob(await largeSourceBlob(dbName, message.id), messageFileName(message.subject));
}

/** The POP device whose cache this is (only POP keeps a large message's source to read its parts from). */
function usePopDevice(dbName: string): DeviceRef | null {
  const [device, setDevice] = useState<DeviceRef | null>(null);
  useEffect(() => {
    let current = true;
    void getApi()
      .commands['accounts:list'](null)
      .then((result) => {
        if (!current || !result.ok) return;
        for (const account of result.value) {
          const found = account.devices.find((d) => d.dbName === dbName && d.mode === 'pop3');
          if (found) setDevice({ accountId: account.id, deviceId: found.id });
        }
      });
    return () => {
      current = false;
    };
  }, [dbName]);
  return device;
}

/** The latest progress main reported for reading this message's parts. */
function usePartsProgress(messageId: string): PartsProgress | null {
  const [progress, setProgress] = useState<PartsProgress | null>(null);
  useEffect(() => getApi().on('message:partsProgress', (p) => p.messageId === messageId && setProgress(p)), [messageId]);
  return progress;
}

/**
 * For a message too large to show (its source is kept in pieces): says so, offers to read its text
 * and attachments from those pieces (with progress while main does), and offers its whole source
 * as an .eml file. Renders nothing for every other message.
 */
export function LargeMessageNotice({ dbName, message }: { dbName: string; message: MessageRecord }) {
  const intl = useIntl();
  // Pieces count only once the body is written: it comes in the transaction after the last piece
  // (a header-only message being fetched whole has pieces, not all of them yet, and no body).
  const state = useLiveQuery(async () => {
    const db = readDb(dbName);
    const body = await db.bodies.get(message.id);
    if (!body) return { pieces: 0, extracted: false };
    return { pieces: await db.rawSourceChunks.where('messageId').equals(message.id).count(), extracted: body.partsExtractedAt !== undefined };
  }, [dbName, message.id]);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'failed'>('idle');
  const device = usePopDevice(dbName);
  const progress = usePartsProgress(message.id);
  const extract = useCommand('message:extractParts');
  if (!state?.pieces) return null;
  const save = (): void => {
    setSaving('saving');
    saveWholeMessage(dbName, message).then(
      () => setSaving('idle'),
      () => setSaving('failed'),
    );
  };
  const readParts = (): void => {
    if (device) void extract.attempt({ ...device, messageId: message.id });
  };
  const working = extract.pending;
  return (
    <div className="large-message" role="note">
      <p>
        {state.extracted ? (
          <FormattedMessage id="reader.largeMessage.kept" defaultMessage="The whole message ({size}) is kept on this computer." values={{ size: sizeText(message.size) }} />
        ) : (
          <FormattedMessage
            id="reader.largeMessage.headersOnly"
            defaultMessage="Only the headers of this message are shown: it is {size}. The whole message is kept on this computer."
            values={{ size: sizeText(message.size) }}
          />
        )}
      </p>
      {working && (
        <p aria-live="polite">
          <progress max={progress?.bytesTotal ?? message.size} value={progress?.bytesDone ?? 0} aria-label={intl.formatMessage({ id: 'reader.largeMessage.reading', defaultMessage: 'Reading the message' })} /> <FormattedMessage
            id="reader.largeMessage.progress"
            defaultMessage="Reading its text and attachments… {done} of {total}"
            values={{ done: sizeText(progress?.bytesDone ?? 0), total: sizeText(progress?.bytesTotal ?? message.size) }}
          />
        </p>
      )}
      <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        {device && !state.extracted && (
          <button type="button" onClick={readParts} disabled={working}>
            {working ? <FormattedMessage id="reader.largeMessage.readingButton" defaultMessage="Reading…" /> : <FormattedMessage id="reader.largeMessage.showParts" defaultMessage="Show its text and attachments" />}
          </button>
        )}
        <button type="button" onClick={save} disabled={saving === 'saving'}>
          {saving === 'saving' ? <FormattedMessage id="reader.largeMessage.preparing" defaultMessage="Preparing the file…" /> : <FormattedMessage id="reader.largeMessage.save" defaultMessage="Save the whole message (.eml)" />}
        </button>
      </div>
      {extract.error && (
        <p className="error-text" role="alert">
          <FormattedMessage id="reader.largeMessage.partsFailed" defaultMessage="Its text and attachments could not be read: {reason}" values={{ reason: errorText(extract.error) }} />
        </p>
      )}
      {saving === 'failed' && (
        <p className="error-text">
          <FormattedMessage id="reader.largeMessage.saveFailed" defaultMessage="The message could not be read from the local cache." />
        </p>
      )}
    </div>
  );
}
