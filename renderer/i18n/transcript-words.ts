import { defineMessage, defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { TranscriptConnection, TranscriptRole } from '../../common/model/transcript';
import { intl as currentIntl } from './intl';

/** What each connection of the transcript is for; the English is what main always wrote (common/model/transcript.ts). */
const ROLE_WORDS: Record<TranscriptRole, MessageDescriptor> = defineMessages({
  loginCheck: { id: 'serverView.transcript.role.loginCheck', defaultMessage: 'login check' },
  serverPanel: { id: 'serverView.transcript.role.serverPanel', defaultMessage: 'server panel' },
  sync: { id: 'serverView.transcript.role.sync', defaultMessage: 'sync' },
  idle: { id: 'serverView.transcript.role.idle', defaultMessage: 'IDLE {folder}' },
  send: { id: 'serverView.transcript.role.send', defaultMessage: 'send' },
  switch: { id: 'serverView.transcript.role.switch', defaultMessage: 'switch' },
  check: { id: 'serverView.transcript.role.check', defaultMessage: 'check' },
  dryRun: { id: 'serverView.transcript.role.dryRun', defaultMessage: 'dry run' },
});

/** A device's connection: "Laptop · sync". */
const DEVICE_AND_ROLE: MessageDescriptor = defineMessage({ id: 'serverView.transcript.deviceRole', defaultMessage: '{device} · {role}' });

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * The role in the language shown. The connection crossed from main as data: a role this version
 * does not know is shown as main sent it rather than breaking the transcript.
 */
function roleText(connection: Record<string, unknown>, intl: IntlShape): string {
  const { role, folder } = connection;
  if (!isText(role)) return String(role);
  if (!Object.hasOwn(ROLE_WORDS, role)) return role;
  return intl.formatMessage(ROLE_WORDS[role as TranscriptRole], { folder: isText(folder) ? folder : '' }).trim();
}

/**
 * A transcript line's connection in the window's language: "Laptop · sync", "Laptop · IDLE INBOX",
 * "login check" in English as main wrote them; the exported file keeps English (`connectionEnglish`).
 */
export function connectionText(connection: TranscriptConnection, intl: IntlShape = currentIntl()): string {
  // Checked as data: a bare string (main's English of old) is already words.
  const value: unknown = connection;
  if (isText(value)) return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const fields = value as Record<string, unknown>;
  const role = roleText(fields, intl);
  return isText(fields.device) ? intl.formatMessage(DEVICE_AND_ROLE, { device: fields.device, role }) : role;
}
