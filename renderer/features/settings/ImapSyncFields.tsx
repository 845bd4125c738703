import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { imapSyncOf, isKeptOffline, MAX_WATCHED_FOLDERS, type AccountSummary, type BodyKeeping, type DeviceSummary, type ImapSyncSettings } from '../../../common/model/account';
import type { FolderRecord } from '../../../common/model/mail';
import { formatOctets, LARGE_MESSAGE_BYTES } from '../../../common/model/raw-source';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../app/use-command';
import { useFolders } from '../../cache/hooks';
import { depth, sortFolders } from '../folder-list/FolderList';
import { useFocusAfterSave } from './focus-after-save';

const DEFAULT_DAYS = 30;
const DEFAULT_CHECK_MINUTES = 10;

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
export function numberProblem(text: string, min: number, max: number, unit: string): string | null {
  const value = Number(text);
  return text.trim() === '' || !Number.isInteger(value) || value < min || value > max ? `Type a whole number of ${unit} from ${min} to ${max}.` : null;
}

/** The message under a number field that `numberProblem` refused. */
function FieldProblem({ id, problem }: { id: string; problem: string | null }) {
  return problem ? (
    <p id={id} className="field-problem" role="alert">
      {problem}
    </p>
  ) : null;
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
  const chooseOffline = value.offlineFolders.kind === 'some';
  const watched = new Set(value.idleFolders);
  const full = watched.size >= MAX_WATCHED_FOLDERS;
  return (
    <div className="imap-folder-choices" style={{ maxHeight: '15rem', overflowY: 'auto', border: '1px solid var(--border)', borderRadius: 6, margin: '0.3rem 0' }}>
      <table className="data-table" aria-label="Folders kept for offline reading and watched">
        <thead>
          <tr>
            <th scope="col" style={HEADER}>
              Folder
            </th>
            <th scope="col" style={{ ...HEADER, width: '7.5rem', textAlign: 'center' }}>
              Kept offline
            </th>
            <th scope="col" style={{ ...HEADER, width: '7.5rem', textAlign: 'center' }}>
              Watched
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
                  {folder.name}
                </td>
                <td style={CHECK_CELL}>
                  <input
                    type="checkbox"
                    aria-label={`Keep ${folder.name} for offline reading`}
                    checked={kept && !folder.noSelect}
                    disabled={!chooseOffline || folder.noSelect}
                    onChange={(e) => value.offlineFolders.kind === 'some' && onChange({ ...value, offlineFolders: { kind: 'some', paths: toggled(value.offlineFolders.paths, folder.path, e.target.checked) } })}
                  />
                </td>
                <td style={CHECK_CELL}>
                  <input
                    type="checkbox"
                    aria-label={`Watch ${folder.name} for new mail`}
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
                The folder list appears once this device has connected to the server.
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
  const [days, setDays] = useState(value.bodies.kind === 'recent-days' ? value.bodies.days : DEFAULT_DAYS);
  const [minutes, setMinutes] = useState(value.checkEveryMinutes ?? DEFAULT_CHECK_MINUTES);
  const [daysText, setDaysText] = useState(String(days));
  const [minutesText, setMinutesText] = useState(String(minutes));
  const daysProblem = numberProblem(daysText, 1, 3650, 'days');
  const minutesProblem = numberProblem(minutesText, 1, 1440, 'minutes');
  const valid = !daysProblem && !minutesProblem;
  useEffect(() => onValidityChange?.(valid), [valid, onValidityChange]);
  const watchedCount = new Set(value.idleFolders).size;
  return (
    <>
      <fieldset className="pop-settings">
        <legend>Folders kept on this computer and watched</legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-offline`} checked={value.offlineFolders.kind === 'all'} onChange={() => onChange({ ...value, offlineFolders: { kind: 'all' } })} />
          Keep every folder for offline reading
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${idPrefix}-offline`}
            checked={value.offlineFolders.kind === 'some'}
            onChange={() => onChange({ ...value, offlineFolders: { kind: 'some', paths: folders.filter((f) => !f.noSelect && isKeptOffline(value, f.path)).map((f) => f.path) } })}
          />
          Keep only the folders ticked below
        </label>
        <FolderChoices folders={folders} value={value} onChange={onChange} />
        <p className="explanation">
          A kept folder is synced in the background, so you can read it without a connection; the inbox and the folder you have open always are. A watched folder shows new mail the moment it arrives (IDLE) over a connection of its own, and servers limit connections per user (often to 10): at most {MAX_WATCHED_FOLDERS} folders are watched besides the open one ({watchedCount} now).
        </p>
      </fieldset>

      <fieldset className="pop-settings">
        <legend>Messages downloaded ahead in kept folders</legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'all'} onChange={() => onChange({ ...value, bodies: bodiesOf('all', days) })} />
          All messages
        </label>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'recent-days'} onChange={() => onChange({ ...value, bodies: bodiesOf('recent-days', days) })} />
          Messages received in the last
          <span className="inline">
            <input
              type="number"
              min={1}
              max={3650}
              aria-label="Days of messages downloaded ahead"
              aria-invalid={daysProblem ? true : undefined}
              aria-describedby={daysProblem ? `${idPrefix}-days-problem` : undefined}
              value={daysText}
              onChange={(e) => {
                setDaysText(e.target.value);
                if (numberProblem(e.target.value, 1, 3650, 'days')) return;
                const typed = Number(e.target.value);
                setDays(typed);
                onChange({ ...value, bodies: bodiesOf('recent-days', typed) });
              }}
            />
          </span>
          days
        </label>
        <FieldProblem id={`${idPrefix}-days-problem`} problem={daysProblem} />
        <label className="radio">
          <input type="radio" name={`${idPrefix}-bodies`} checked={value.bodies.kind === 'headers-only'} onChange={() => onChange({ ...value, bodies: bodiesOf('headers-only', days) })} />
          Headers only: a message is downloaded when you open it
        </label>
        <p className="explanation" data-testid="bodies-explanation">
          Downloads run in the background, newest first, after the headers; a message you open comes first. Messages over {formatOctets(LARGE_MESSAGE_BYTES)} stay on the server. Choosing fewer days or headers only stops further downloads but deletes nothing already on this computer.
        </p>
      </fieldset>

      <fieldset className="pop-settings">
        <legend>Checking for new mail</legend>
        <label className="radio">
          <input type="radio" name={`${idPrefix}-check`} checked={value.checkEveryMinutes !== null} onChange={() => onChange({ ...value, checkEveryMinutes: minutes })} />
          Check every
          <span className="inline">
            <input
              type="number"
              min={1}
              max={1440}
              aria-label="Check every (minutes)"
              aria-invalid={minutesProblem ? true : undefined}
              aria-describedby={minutesProblem ? `${idPrefix}-minutes-problem` : undefined}
              value={minutesText}
              onChange={(e) => {
                setMinutesText(e.target.value);
                if (numberProblem(e.target.value, 1, 1440, 'minutes')) return;
                const typed = Number(e.target.value);
                setMinutes(typed);
                onChange({ ...value, checkEveryMinutes: typed });
              }}
            />
          </span>
          minutes
        </label>
        <FieldProblem id={`${idPrefix}-minutes-problem`} problem={minutesProblem} />
        <label className="radio">
          <input type="radio" name={`${idPrefix}-check`} checked={value.checkEveryMinutes === null} onChange={() => onChange({ ...value, checkEveryMinutes: null })} />
          Only at start-up and when I ask (Check mail)
        </label>
        <p className="explanation">A check syncs the inbox, the open folder and the kept and watched folders. Watched folders show new mail at once either way.</p>
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
      <p className="explanation">With IMAP the server keeps every message, folder and read state; this computer shows and changes what is on the server, and keeps what you choose here for reading offline.</p>
      <ImapSyncFields idPrefix={`settings-${device.id}`} folders={folders} value={settings} onChange={change} onValidityChange={setValid} />
      {configure.error && (
        <div className="device-error" tabIndex={-1}>
          <ErrorText error={configure.error} />
        </div>
      )}
      <div className="form-actions">
        {saved && (
          <span role="status" className="saved-note" tabIndex={-1}>
            Saved.
          </span>
        )}
        <button type="button" className="primary" onClick={() => void save()} disabled={configure.pending}>
          Save settings
        </button>
      </div>
    </div>
  );
}
