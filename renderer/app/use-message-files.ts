import { useCallback, useEffect, useState } from 'react';
import { isMessageFile, type MessageFile } from '../../common/model/message-file';
import { LARGE_MESSAGE_BYTES } from '../../common/model/raw-source';
import { getApi } from '../bridge/api';
import { intl } from '../i18n/intl';
import { carriesFiles } from '../ui/carries-files';
import { invoke } from './use-command';
import { errorText } from '../i18n/error-words';

/**
 * Message files (.eml) opened in this window: dropped anywhere on it (the composer takes its own
 * drops first, as attachments), chosen with `choose` (Ctrl/Cmd+O), or handed over by the system
 * (main's 'file:openMessage'). One is shown at a time; a later one replaces it. A dropped file
 * that is not a message is said, never opened: and the window never navigates to a dropped file.
 */
export function useMessageFiles(reportFailure: (text: string) => void): {
  openFile: MessageFile | null;
  close: () => void;
  open: (files: Iterable<File>) => Promise<void>;
} {
  const [openFile, setOpenFile] = useState<MessageFile | null>(null);

  const open = useCallback(
    async (files: Iterable<File>) => {
      const chosen = [...files];
      const message = chosen.find((f) => isMessageFile(f.name, f.type));
      if (!message) {
        if (chosen.length) reportFailure(intl().formatMessage({ id: 'app.messageFile.notMessage', defaultMessage: 'Only message files (.eml) open here. To attach a file, drop it on the message you are writing.' }));
        return;
      }
      if (message.size > LARGE_MESSAGE_BYTES) {
        reportFailure(intl().formatMessage({ id: 'app.messageFile.tooLarge', defaultMessage: '{file} is larger than the {megabytes, number} MB Porthole opens.' }, { file: message.name, megabytes: LARGE_MESSAGE_BYTES / 1024 / 1024 }));
        return;
      }
      const result = await invoke('file:readMessage', { fileName: message.name, bytes: new Uint8Array(await message.arrayBuffer()) });
      if (result.ok) setOpenFile(result.value);
      else reportFailure(intl().formatMessage({ id: 'app.messageFile.notOpened', defaultMessage: '{file} could not be opened: {reason}' }, { file: message.name, reason: errorText(result.error) }));
    },
    [reportFailure],
  );

  useEffect(() => getApi().on('file:openMessage', setOpenFile), []);

  useEffect(() => {
    const onDragOver = (event: DragEvent): void => {
      if (event.defaultPrevented || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent): void => {
      if (event.defaultPrevented || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      void open(event.dataTransfer?.files ?? []);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [open]);

  return { openFile, close: useCallback(() => setOpenFile(null), []), open };
}
