import type { IntlShape } from 'react-intl';
import type { Notice, NoticeWords, RefusedChange } from '../../../common/contract';
import type { UndoNote } from '../../../common/model/main-words';
import { errorText } from '../../i18n/error-words';
import { folderPathName } from '../../i18n/folder-names';
import { intl as currentIntl } from '../../i18n/intl';
import { popNotStoredText, unreadableReasonText } from '../../i18n/problem-words';

/** A notice the renderer made itself, already in the language shown (an action that failed). */
export interface WordedHere {
  kind: 'worded';
  text: string;
}

/** A notice as the window shows it: main's, or the window's own. */
export type ShownNotice = Omit<Notice, 'words'> & { words: NoticeWords | WordedHere };

/** A subject as the outbox's notices name it: quoted, or "the message without a subject". */
function subjectValues(subject: string): { named: 'yes' | 'no'; subject: string } {
  return { named: subject ? 'yes' : 'no', subject };
}

/** What an undo could not take back, as a sentence. */
export function undoNoteText(note: UndoNote, intl: IntlShape = currentIntl()): string {
  switch (note.kind) {
    case 'flagsChangedSince':
      return intl.formatMessage(
        { id: 'notices.undoNote.flagsChangedSince', defaultMessage: '{count, plural, one {# message left as it is} other {# messages left as they are}}: changed again since (here or on another device).' },
        { count: note.count },
      );
    case 'flagsNotInFolder':
      return intl.formatMessage(
        { id: 'notices.undoNote.flagsNotInFolder', defaultMessage: '{count, plural, one {# message no longer in its folder} other {# messages no longer in their folder}} (moved or deleted since), so not changed back.' },
        { count: note.count },
      );
    case 'movedSince':
      return intl.formatMessage(
        { id: 'notices.undoNote.movedSince', defaultMessage: '{count, plural, one {# message left where it is} other {# messages left where they are}}: moved or deleted again since.' },
        { count: note.count },
      );
    case 'notFoundToMoveBack':
      return intl.formatMessage(
        {
          id: 'notices.undoNote.notFoundToMoveBack',
          defaultMessage:
            '{count, plural, one {# message could not be found in {folder} to move back (the server did not say where it put it); move it back by hand.} other {# messages could not be found in {folder} to move back (the server did not say where it put them); move them back by hand.}}',
        },
        { count: note.count, folder: folderPathName(note.folder, intl) },
      );
    case 'uploadedStay':
      return intl.formatMessage(
        {
          id: 'notices.undoNote.uploadedStay',
          defaultMessage: '{count, plural, one {# message uploaded from this computer to {folder} stays there: move it back by hand.} other {# messages uploaded from this computer to {folder} stay there: move them back by hand.}}',
        },
        { count: note.count, folder: folderPathName(note.folder, intl) },
      );
    case 'deletedForGood':
      return intl.formatMessage(
        { id: 'notices.undoNote.deletedForGood', defaultMessage: '{count, plural, one {# message deleted for good could not be brought back.} other {# messages deleted for good could not be brought back.}}' },
        { count: note.count },
      );
    case 'deletedForGoodFromTrash':
      return intl.formatMessage(
        {
          id: 'notices.undoNote.deletedForGoodFromTrash',
          defaultMessage: '{count, plural, one {# message deleted for good from Trash could not be brought back.} other {# messages deleted for good from Trash could not be brought back.}}',
        },
        { count: note.count },
      );
    case 'serverCopyGone':
      return intl.formatMessage(
        {
          id: 'notices.undoNote.serverCopyGone',
          defaultMessage:
            '{count, plural, one {# message back on this computer only: the server’s copy was already deleted (“Delete from the server when I delete it here”).} other {# messages back on this computer only: the server’s copies were already deleted (“Delete from the server when I delete it here”).}}',
        },
        { count: note.count },
      );
    default: {
      const unknownNote: never = note;
      throw new Error(`Unknown undo note ${JSON.stringify(unknownNote)}`);
    }
  }
}

function changeRefusedWords(change: RefusedChange, reason: string, intl: IntlShape): string {
  switch (change.kind) {
    case 'flags':
      return intl.formatMessage(
        { id: 'notices.changeRefused.flags', defaultMessage: 'Could not change flags on {count, plural, one {# message} other {# messages}} in {folder}: {reason}' },
        { count: change.count, folder: folderPathName(change.folder, intl), reason },
      );
    case 'move':
      return intl.formatMessage(
        { id: 'notices.changeRefused.move', defaultMessage: 'Could not move {count, plural, one {# message} other {# messages}} from {folder} to {toFolder}: {reason}' },
        { count: change.count, folder: folderPathName(change.folder, intl), toFolder: folderPathName(change.toFolder, intl), reason },
      );
    case 'expunge':
      return intl.formatMessage(
        { id: 'notices.changeRefused.expunge', defaultMessage: 'Could not delete {count, plural, one {# message} other {# messages}} from {folder}: {reason}' },
        { count: change.count, folder: folderPathName(change.folder, intl), reason },
      );
    case 'append':
      return intl.formatMessage({ id: 'notices.changeRefused.append', defaultMessage: 'Could not save a message to {folder}: {reason}' }, { folder: folderPathName(change.folder, intl), reason });
    default: {
      const unknownChange: never = change;
      return String(unknownChange);
    }
  }
}

/**
 * A notice from main in the language shown. Main sends what happened as a code with its values;
 * the values themselves (a server's answer, a subject, a file name) stay as they are.
 * `intl`: a component's own (useIntl), or the layer of the language shown now.
 */
export function noticeText(words: NoticeWords | WordedHere, intl: IntlShape = currentIntl()): string {
  switch (words.kind) {
    case 'worded':
      return words.text;
    case 'error':
      return errorText(words.error, intl);
    case 'sent':
      return intl.formatMessage(
        { id: 'notices.sent', defaultMessage: '{named, select, yes {Sent “{subject}”.} other {Sent the message without a subject.}}' },
        subjectValues(words.subject),
      );
    case 'notSent':
      return intl.formatMessage(
        {
          id: 'notices.notSent',
          defaultMessage: '{named, select, yes {“{subject}” was not sent: {reason} It is in Drafts.} other {the message without a subject was not sent: {reason} It is in Drafts.}}',
        },
        { ...subjectValues(words.subject), reason: words.reason },
      );
    case 'notSentNotKept':
      return intl.formatMessage(
        {
          id: 'notices.notSentNotKept',
          defaultMessage:
            '{named, select, yes {“{subject}” was not sent and could not be kept as a draft ({reason}).} other {the message without a subject was not sent and could not be kept as a draft ({reason}).}} To: {to}\n\n{text}',
        },
        { ...subjectValues(words.subject), reason: words.reason, to: words.to, text: words.text },
      );
    case 'stoppedWhileSending':
      return intl.formatMessage(
        {
          id: 'notices.stoppedWhileSending',
          defaultMessage:
            '{named, select, yes {Porthole stopped while sending “{subject}”: it may have been sent.} other {Porthole stopped while sending the message without a subject: it may have been sent.}} It is in Drafts; look in Sent before sending it again.',
        },
        subjectValues(words.subject),
      );
    case 'sentButRefused':
      return intl.formatMessage(
        { id: 'notices.sentButRefused', defaultMessage: 'Sent, but the server refused {recipients}: they did not get it. The others did; sending again would give them a second copy.' },
        { recipients: words.refused.join(', ') },
      );
    case 'undoneExcept':
      return intl.formatMessage({ id: 'notices.undoneExcept', defaultMessage: 'Undone, except: {notes}' }, { notes: words.notes.map((note) => undoNoteText(note, intl)).join(' ') });
    case 'changeRefused':
      return changeRefusedWords(words.change, words.reason, intl);
    case 'unreadableResponse':
      return intl.formatMessage(
        { id: 'notices.unreadableResponse', defaultMessage: 'The server sent a response Porthole could not read (FETCH of UID {uid} in {folder}): {reason}. The message is listed as unreadable.' },
        { uid: String(words.uid), folder: folderPathName(words.folder, intl), reason: unreadableReasonText(words.reason, intl) },
      );
    case 'notWatched':
      return intl.formatMessage(
        { id: 'notices.notWatched', defaultMessage: 'Porthole could not watch {folder} for new mail ({reason}); it is synced when you open it and at each check.' },
        { folder: folderPathName(words.folder, intl), reason: errorText(words.error, intl) },
      );
    case 'popNotStored':
      return popNotStoredText(words, intl);
    case 'popIncomplete':
      return intl.formatMessage(
        { id: 'notices.popIncomplete', defaultMessage: 'Message {number} arrived incomplete ({received} of {size} bytes); it stays on the server and is tried again next time.' },
        { number: String(words.number), received: String(words.received), size: String(words.size) },
      );
    case 'switchCompleted':
      return intl.formatMessage(
        { id: 'notices.switchCompleted', defaultMessage: '{device}: the interrupted switch to {mode} was completed.' },
        { device: words.device, mode: words.to === 'imap' ? 'IMAP' : 'POP3' },
      );
    case 'switchUndone':
      return intl.formatMessage(
        { id: 'notices.switchUndone', defaultMessage: '{device}: the interrupted switch could not be completed and was undone ({reason}). Nothing was lost; you can switch again.' },
        { device: words.device, reason: words.reason },
      );
    case 'fileNotOpened':
      return intl.formatMessage({ id: 'notices.fileNotOpened', defaultMessage: '{file} could not be opened: {reason}' }, { file: words.file, reason: words.reason });
    case 'sandboxNotStarted':
      return intl.formatMessage({ id: 'notices.sandboxNotStarted', defaultMessage: 'The sandbox server did not start: {reason}' }, { reason: words.reason });
    case 'sandboxNotDelivered':
      return intl.formatMessage({ id: 'notices.sandboxNotDelivered', defaultMessage: 'The sandbox could not deliver a message: {reason}' }, { reason: words.reason });
    default: {
      const unknownWords: never = words;
      return String(unknownWords);
    }
  }
}
