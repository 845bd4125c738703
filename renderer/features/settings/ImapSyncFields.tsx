import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { imapSyncOf, isKeptOffline, MAX_WATCHED_FOLDERS, type AccountSummary, type BodyKeeping, type DeviceSummary, type ImapSyncSettings } from '../../../common/model/account';
import type { FolderRecord } from '../../../common/model/mail';
import { LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { sizeText } from '../../i18n/sizes';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useFolders } from '../../cache/hooks';
import { depth, sortFolders } from '../folder-list/FolderList';
import { useFocusAfterSave } from './focus-after-save';
import { intl } from '../../i18n/intl';
import { folderName } from '../../i18n/folder-names';

const DEFAULT_DAYS = 30;
const DEFAULT_CHECK_MINUTES = 10;
/** Ten years of mail ahead; a check at least once a day. */
const MAX_DAYS = 3650;
const MAX_MINUTES = 1440;

function bodiesOf(kind: BodyKeeping['kind'], days: number): BodyKeeping {
  return kind === 'recent-days' ? { kind, days } : { kind };
}

/** The table's header stays in sight while its folders scroll. */
const HEADER = { position: 'sticky', top: 0, background: 'var(--pane)' } as const;

const CHECK_CELL = { textAlign: 'center', verticalAlign: 'middle' } as const;

/**
 * What is wrong with a number typed in a field, in words shown next to it; null when it is a whole
 * number within bounds. An out-of-range number is refused, never changed to the nearest allowed
 * one: the user would save something other than what they see.
 */
export function numberProblem(text: string, min: number, max: number, unit: 'days' | 'minutes'): string | null {
  const value = Number(text);
  return text.trim() === '' || !Number.isInteger(value) || value < min || value > max
    ? intl().formatMessage(
        {
          id: 'settings.imap.numberProblem',
          defaultMessage: '{unit, select, days {Type a whole number of days from {min} to {max}.} other {Type a whole number of minutes from {min} to {max}.}}',
        },
        { unit, min: String(min), max: String(max) },
      )
    : null;
}

/** The message under a number field that `numberProblem` refused. */
function FieldProblem({ id, problem }: { id: string; problem: string | null }) {
  return problem ? (
    <p id={id} className="field-problem" role="alert">
      {problem}
    </p>
  ) : null;
}

/** A whole number typed inside a sentence: what is typed stays as typed; `onNumber` hears it only when it can be saved. */
function SentenceNumber({ label, text, onText, onNumber, problem, problemId, min, max, unit }: { label: string; text: string; onText: (text: string) => void; onNumber: (value: number) => void; problem: string | null; problemId: string; min: number; max: number; unit: 'days' | 'minutes' }) {
  return (
    <span className="inline">
      <input
        type="number"
        min={min}
        max={max}
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        value={text}
        onChange={(e) => {
          onText(e.target.value);
          if (!numberProblem(e.target.value, min, max, unit)) onNumber(Number(e.target.value));
        }}
      />
    </span>
  );
}

/** The folders the settings name, toggled: `on` adds `path`, otherwise removes it. */
function toggled(paths: readonly string[], path: string, on: boolean): string[] {
  return on ? [...new Set([...paths, path])] : paths.filter((p) => p !== path);
}

/**
 * Which folders are kept for offline reading and watched, in one table: a row a folder, a
 * checkbox a choice. The open folder is always watched besides these.
 */
function FolderChoices({ folders, value, onChange }: { folders: FolderRecord[]; value: ImapSyncSettings; onChange: (value: ImapSyncSettings) => void }) {
  const intl = useIntl();
  const chooseOffline = value.offlineFolders.kind === 'some';
  const watched = new Set(value.idleFolders);
  const full = watched.size >= MAX_WATCHED_FOLDERS;
  return (
    <div className="imap-folder-choices" style={{ maxHeight: '15rem', overflowY: 'auto', border: '1px solid var(--border)', borderRadius: 6, margin: '0.3rem 0' }}>
      <table className="data-table" aria-label={intl.formatMessage({ id: 'settings.imap.folderTable', defaultMessage: 'Folders kept for offline reading and watched' })}>
        <thead>
          <tr>
            <th scope="col" style={HEADER}>
              <FormattedMessage id="settings.imap.folder" defaultMessage="Folder" />
            </th>
            <th scope="col" style={{ ...HEADER, width: '7.5rem', textAlign: 'center' }}>
              <FormattedMessage id="settings.imap.keptOffline" defaultMessage="Kept offline" />
            </th>
            <th scope="col" style={{ ...HEADER, width: '7.5rem', textAlign: 'center' }}>
              <FormattedMessage id="settings.imap.watched" defaultMessage="Watched" />
            </th>
          </tr>
        </thead>
        <tbody>
          {folders.map((folder) => {
            const kept = isKeptOffline(value, folder.path);
            const isWatched = watched.has(folder.path);
            return (
              <tr key={folder.id}>
                <td style={{ paddingLeft: `${0.35 + depth(folder) * 1.1}rem`, verticalAlign: 'middle' }} className={folder.noSelect ? 'muted' : undefined}>
                  {folderName(folder)}
                </td>
                <td style={CHECK_CELL}>
                  <input
                    type="checkbox"
                    aria-label={intl.formatMessage({ id: 'settings.imap.keepFolder', defaultMessage: 'Keep {folder} for offline reading' }, { folder: folderName(folder) })}
                    checked={kept && !folder.noSelect}
                    disabled={!chooseOffline || folder.noSelect}
                    onChange={(e) => value.offlineFolders.kind === 'some' && onChange({ ...value, offlineFolders: { kind: 'some', paths: toggled(value.offlineFolders.paths, folder.path, e.target.checked) } })}
                  />
                </td>
                <td style={CHECK_CELL}>
                  <input
                    type="checkbox"
                    aria-label={intl.formatMessage({ id: 'settings.imap.watchFolder', defaultMessage: 'Watch {folder} for new mail' }, { folder: folderName(folder) })}
                    checked={isWatched}
                    disabled={folder.noSelect || (full && !isWatched)}
                    onChange={(e) => onChange({ ...value, idleFolders: toggled(value.idleFolders, folder.path, e.target.checked) })}
                  />
                </td>
              </tr>
            );
          })}
          {folders.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                <FormattedMessage id="settings.imap.noFolders" defaultMessage="The folder list appears once this device has connected to the server." />
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** What an IMAP device keeps for offline reading, how far ahead, what it watches and how often it checks, in plain words. */
export function ImapSyncFields({
  folders,
  value,
  onChange,
  idPrefix,
  onValidityChange,
}: {
  folders: FolderRecord[];
  value: ImapSyncSettings;
  onChange: (value: ImapSyncSettings) => void;
  idPrefix: string;
  /** False while a number field holds something that cannot be saved (its message is shown next to it). */
  onValidityChange?: (valid: boolean) => void;
}) {
  const intl = useIntl();
  const [days, setDays] = useState(value.bodies.kind === 'recent-days' ? value.bodies.days : DEFAULT_DAYS);
  const [minutes, setMinutes] = useState(value.checkEveryMinutes ?? DEFAULT_CHECK_MINUTES);
  const [daysText, setDaysText] = useState(String(days));
  const [minutesText, setMinutesText] = useState(String(minutes));
  const daysProblem = numberProblem(daysText, 1, MAX_DAYS, 'days');
  const minutesProblem = numberProblem(minutesText, 1, MAX_MINUTES, 'minutes');
  const valid = !daysProblem && !minutesProblem;
  useEffect(() => onValidityChange?.(valid), [valid, onValidityChange]);
  const watchedCount = new Set(value.idleFolders).size;
  return (
    <>
      <fieldset className="pop-settings">
        <legend>
          <FormattedMessage id="settings.imap.offlineLegend" defaultMessage="Folders kept on this computer and watched" />
        </legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-offline`} checked={value.offlineFolders.kind === 'all'} onChange={() => onChange({ ...value, offlineFolders: { kind: 'all' } })} />
          <FormattedMessage id="settings.imap.keepAll" defaultMessage="Keep every folder for offline reading" />
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${idPrefix}-offline`}
            checked={value.offlineFolders.kind === 'some'}
            onChange={() => onChange({ ...value, offlineFolders: { kind: 'some', paths: folders.filter((f) => !f.noSelect && isKeptOffline(value, f.path)).map((f) => f.path) } })}
          />
          <FormattedMessage id="settings.imap.keepTicked" defaultMessage="Keep only the folders ticked below" />
        </label>
        <FolderChoices folders={folders} value={value} onChange={onChange} />
        <p className="explanation">
          <FormattedMessage
            id="settings.imap.offlineNote"
            defaultMessage="A kept folder is synced in the background, so you can read it without a connection; the inbox and the folder you have open always are. A watched folder shows new mail the moment it arrives (IDLE) over a connection of its own, and servers limit connections per user (often to 10): at most {max} folders are watched besides the open one ({count} now)."
            values={{ max: MAX_WATCHED_FOLDERS, count: watchedCount }}
          />
        </p>
      </fieldset>

      <fieldset className="pop-settings">
        <legend>
          <FormattedMessage id="settings.imap.bodiesLegend" defaultMessage="Messages downloaded ahead in kept folders" />
        </legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'all'} onChange={() => onChange({ ...value, bodies: bodiesOf('all', days) })} />
          <FormattedMessage id="settings.imap.bodiesAll" defaultMessage="All messages" />
        </label>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'recent-days'} onChange={() => onChange({ ...value, bodies: bodiesOf('recent-days', days) })} />
          <FormattedMessage
            id="settings.imap.bodiesRecent"
            defaultMessage="Messages received in the last{input}days"
            values={{
              input: (
                <SentenceNumber
                  label={intl.formatMessage({ id: 'settings.imap.bodiesDaysLabel', defaultMessage: 'Days of messages downloaded ahead' })}
                  text={daysText}
                  onText={setDaysText}
                  onNumber={(typed) => {
                    setDays(typed);
                    onChange({ ...value, bodies: bodiesOf('recent-days', typed) });
                  }}
                  problem={daysProblem}
                  problemId={`${idPrefix}-days-problem`}
                  min={1}
                  max={MAX_DAYS}
                  unit="days"
                />
              ),
            }}
          />
        </label>
        <FieldProblem id={`${idPrefix}-days-problem`} problem={daysProblem} />
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'headers-only'} onChange={() => onChange({ ...value, bodies: bodiesOf('headers-only', days) })} />
          <FormattedMessage id="settings.imap.bodiesHeaders" defaultMessage="Headers only: a message is downloaded when you open it" />
        </label>
        <p className="explanation" data-testid="bodies-explanation">
          <FormattedMessage
            id="settings.imap.bodiesNote"
            defaultMessage="Downloads run in the background, newest first, after the headers; a message you open comes first. Messages over {size} stay on the server. Choosing fewer days or headers only stops further downloads but deletes nothing already on this computer."
            values={{ size: sizeText(LARGE_MESSAGE_BYTES) }}
          />
        </p>
      </fieldset>

      <fieldset className="pop-settings">
        <legend>
          <FormattedMessage id="settings.imap.checkLegend" defaultMessage="Checking for new mail" />
        </legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-check`} checked={value.checkEveryMinutes !== null} onChange={() => onChange({ ...value, checkEveryMinutes: minutes })} />
          <FormattedMessage
            id="settings.imap.checkEvery"
            defaultMessage="Check every{input}minutes"
            values={{
              input: (
                <SentenceNumber
                  label={intl.formatMessage({ id: 'settings.imap.checkEveryLabel', defaultMessage: 'Check every (minutes)' })}
                  text={minutesText}
                  onText={setMinutesText}
                  onNumber={(typed) => {
                    setMinutes(typed);
                    onChange({ ...value, checkEveryMinutes: typed });
                  }}
                  problem={minutesProblem}
                  problemId={`${idPrefix}-minutes-problem`}
                  min={1}
                  max={MAX_MINUTES}
                  unit="minutes"
                />
              ),
            }}
          />
        </label>
        <FieldProblem id={`${idPrefix}-minutes-problem`} problem={minutesProblem} />
        <label className="radio">
          <input type="radio" name={`${idPrefix}-check`} checked={value.checkEveryMinutes === null} onChange={() => onChange({ ...value, checkEveryMinutes: null })} />
          <FormattedMessage id="settings.imap.checkByHand" defaultMessage="Only at start-up and when I ask (Check mail)" />
        </label>
        <p className="explanation">
          <FormattedMessage id="settings.imap.checkNote" defaultMessage="A check syncs the inbox, the open folder and the kept and watched folders. Watched folders show new mail at once either way." />
        </p>
      </fieldset>
    </>
  );
}

/** An IMAP device's sync settings (what it keeps for offline use, what it watches), saved with device:configure. */
export function ImapDeviceSettings({ account, device, onDirtyChange }: { account: AccountSummary; device: DeviceSummary; onDirtyChange?: (dirty: boolean) => void }) {
  const [savedSettings, setSavedSettings] = useState(() => imapSyncOf(device));
  const [settings, setSettings] = useState(savedSettings);
  const [valid, setValid] = useState(true);
  const [saved, setSaved] = useState(false);
  const cached = useFolders(device.dbName);
  const folders = useMemo(() => sortFolders((cached ?? []).filter((f) => f.origin === 'server')), [cached]);
  const configure = useCommand('device:configure');
  const section = useRef<HTMLDivElement>(null);
  const dirty = !valid || JSON.stringify(settings) !== JSON.stringify(savedSettings);
  // Told in the same commit as the edit: an Escape pressed right after typing must see it.
  useLayoutEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const focusAfterSave = useFocusAfterSave(() => section.current?.querySelector<HTMLElement>('.device-error, .saved-note'));
  const change = (next: ImapSyncSettings): void => {
    setSettings(next);
    setSaved(false);
    configure.clearError();
  };
  const save = async (): Promise<void> => {
    if (!valid) {
      section.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const result = await configure.run({ accountId: account.id, deviceId: device.id, imapSync: settings });
    focusAfterSave();
    if (result === null) return;
    setSavedSettings(settings);
    setSaved(true);
  };
  return (
    <div ref={section}>
      <p className="explanation">
        <FormattedMessage
          id="settings.imap.intro"
          defaultMessage="With IMAP the server keeps every message, folder and read state; this computer shows and changes what is on the server, and keeps what you choose here for reading offline."
        />
      </p>
      <ImapSyncFields idPrefix={`settings-${device.id}`} folders={folders} value={settings} onChange={change} onValidityChange={setValid} />
      {configure.error && (
        <div className="device-error" tabIndex={-1}>
          <ErrorText error={configure.error} />
        </div>
      )}
      <div className="form-actions">
        {saved && (
          <span role="status" className="saved-note" tabIndex={-1}>
            <FormattedMessage id="settings.save.saved" defaultMessage="Saved." />
          </span>
        )}
        <button type="button" className="primary" onClick={() => void save()} disabled={configure.pending}>
          <FormattedMessage id="settings.device.save" defaultMessage="Save settings" />
        </button>
      </div>
    </div>
  );
}
