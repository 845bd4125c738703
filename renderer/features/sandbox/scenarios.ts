import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { PopRetention } from '../../../common/model/account';

/**
 * The two devices of a demonstration: the Laptop on IMAP, the Phone on POP. The steps' words name
 * them by their real names, as values `{laptop}` and `{phone}` (a German sandbox's are „Laptop“
 * and „Smartphone“).
 */
export type DemoDevice = 'laptop' | 'phone';

export type StepAction =
  /** The Phone's retention, checking only when asked (so the steps decide when it checks). */
  | { kind: 'phoneRetention'; retention: PopRetention }
  | { kind: 'sendMail' }
  | { kind: 'check'; device: DemoDevice }
  /** Opens (and so reads) the message that reached the device last, after a check. */
  | { kind: 'openLatest'; device: DemoDevice }
  | { kind: 'deleteLatest'; device: DemoDevice };

export interface GuidedStep {
  /** What the step's button says and does; unique within its scenario. */
  label: MessageDescriptor;
  action: StepAction;
  note?: MessageDescriptor;
}

export interface Scenario {
  id: string;
  title: MessageDescriptor;
  intro: MessageDescriptor;
  /** The device whose view of the server tells the story. */
  serverAs: DemoDevice;
  steps: GuidedStep[];
  /** What to watch once the steps are done. */
  watch: MessageDescriptor[];
}

const m = defineMessages({
  leaveOnServer: { id: 'sandbox.steps.leaveOnServer', defaultMessage: 'Set the {phone} to leave messages on the server' },
  checksWhenAsked: { id: 'sandbox.steps.checksWhenAsked', defaultMessage: 'It checks only when you ask.' },
  send: { id: 'sandbox.steps.send', defaultMessage: 'Send a new message to you' },
  sendNote: { id: 'sandbox.steps.send.note', defaultMessage: 'It arrives on the server; the {laptop} may show it at once, since IMAP tells it.' },
  checkPhone: { id: 'sandbox.steps.checkPhone', defaultMessage: 'Check mail on the {phone}' },

  deleteAfterDownloadTitle: { id: 'sandbox.scenario.deleteAfterDownload.title', defaultMessage: 'Delete right after download' },
  deleteAfterDownloadIntro: {
    id: 'sandbox.scenario.deleteAfterDownload.intro',
    defaultMessage: 'The {phone} uses POP and deletes each message from the server as soon as it has it. The {laptop} uses IMAP: it shows what is on the server.',
  },
  deleteAfterDownloadStep: { id: 'sandbox.scenario.deleteAfterDownload.step', defaultMessage: 'Set the {phone} to delete messages from the server right after download' },
  deleteAfterDownloadNote: {
    id: 'sandbox.scenario.deleteAfterDownload.note',
    defaultMessage: 'From its next check on, the {phone} deletes from the server every message it has downloaded, the sample mail too. It checks only when you ask.',
  },
  deleteAfterDownloadWatch1: { id: 'sandbox.scenario.deleteAfterDownload.watch1', defaultMessage: 'The {phone} has the new message in its Inbox.' },
  deleteAfterDownloadWatch2: {
    id: 'sandbox.scenario.deleteAfterDownload.watch2',
    defaultMessage: 'The {laptop} does not keep it: the {phone} deleted it from the server, and IMAP shows only what the server has. The sample mail leaves the {laptop} too, for the same reason.',
  },
  deleteAfterDownloadWatch3: {
    id: 'sandbox.scenario.deleteAfterDownload.watch3',
    defaultMessage:
      'The server panel, as seen by the {phone}, shows an empty maildrop and, under “Deleted from the server by this account’s devices”, which device deleted each message and by which setting.',
  },
  deleteAfterDownloadWatch4: { id: 'sandbox.scenario.deleteAfterDownload.watch4', defaultMessage: '“Reset the sandbox”, below, brings the mail back to the server.' },

  readOnLaptopTitle: { id: 'sandbox.scenario.readOnLaptop.title', defaultMessage: 'Read on the {laptop}, the {phone} stays unread' },
  readOnLaptopIntro: {
    id: 'sandbox.scenario.readOnLaptop.intro',
    defaultMessage: 'IMAP keeps read and unread on the server, for every IMAP device. POP has no read state: a message the {phone} downloads starts unread there.',
  },
  readOnLaptopStep: { id: 'sandbox.scenario.readOnLaptop.step', defaultMessage: 'Open the new message on the {laptop}' },
  readOnLaptopWatch1: { id: 'sandbox.scenario.readOnLaptop.watch1', defaultMessage: 'The {laptop} shows the message read, and the server panel, as seen by the {laptop}, lists it with \\Seen.' },
  readOnLaptopWatch2: { id: 'sandbox.scenario.readOnLaptop.watch2', defaultMessage: 'The {phone} downloaded it unread: what you read on the {laptop} is news to the {phone}.' },

  deleteOnPhoneTitle: { id: 'sandbox.scenario.deleteOnPhone.title', defaultMessage: 'Delete on the {phone}, it stays on the server for the {laptop}' },
  deleteOnPhoneIntro: { id: 'sandbox.scenario.deleteOnPhone.intro', defaultMessage: 'With “Leave messages on the server”, what the {phone} deletes is deleted on the {phone} only.' },
  deleteOnPhoneStep: { id: 'sandbox.scenario.deleteOnPhone.step', defaultMessage: 'Delete the new message on the {phone}' },
  deleteOnPhoneNote: { id: 'sandbox.scenario.deleteOnPhone.note', defaultMessage: 'It goes to the {phone}’s Trash.' },
  deleteOnPhoneCheckAgain: { id: 'sandbox.scenario.deleteOnPhone.checkAgain', defaultMessage: 'Check mail on the {phone} again' },
  deleteOnPhoneWatch1: { id: 'sandbox.scenario.deleteOnPhone.watch1', defaultMessage: 'The message is gone from the {phone}’s Inbox, and still in the {laptop}’s.' },
  deleteOnPhoneWatch2: {
    id: 'sandbox.scenario.deleteOnPhone.watch2',
    defaultMessage:
      'The server panel, as seen by the {phone}, still lists it in the maildrop: the {phone}’s setting leaves messages on the server. With “Delete from the server when I delete it here”, this check would have removed it.',
  },
});

const LEAVE_ON_SERVER: GuidedStep = { label: m.leaveOnServer, action: { kind: 'phoneRetention', retention: { kind: 'keep' } }, note: m.checksWhenAsked };
const SEND: GuidedStep = { label: m.send, action: { kind: 'sendMail' }, note: m.sendNote };
const CHECK_PHONE: GuidedStep = { label: m.checkPhone, action: { kind: 'check', device: 'phone' } };

/** The devices issue's scenarios, played by the sandbox's Laptop (IMAP) and Phone (POP). */
export const SCENARIOS: Scenario[] = [
  {
    id: 'delete-after-download',
    title: m.deleteAfterDownloadTitle,
    intro: m.deleteAfterDownloadIntro,
    serverAs: 'phone',
    steps: [
      {
        label: m.deleteAfterDownloadStep,
        action: { kind: 'phoneRetention', retention: { kind: 'delete-after-download' } },
        note: m.deleteAfterDownloadNote,
      },
      SEND,
      CHECK_PHONE,
    ],
    watch: [m.deleteAfterDownloadWatch1, m.deleteAfterDownloadWatch2, m.deleteAfterDownloadWatch3, m.deleteAfterDownloadWatch4],
  },
  {
    id: 'read-on-laptop',
    title: m.readOnLaptopTitle,
    intro: m.readOnLaptopIntro,
    serverAs: 'laptop',
    steps: [LEAVE_ON_SERVER, SEND, { label: m.readOnLaptopStep, action: { kind: 'openLatest', device: 'laptop' } }, CHECK_PHONE],
    watch: [m.readOnLaptopWatch1, m.readOnLaptopWatch2],
  },
  {
    id: 'delete-on-phone',
    title: m.deleteOnPhoneTitle,
    intro: m.deleteOnPhoneIntro,
    serverAs: 'phone',
    steps: [
      LEAVE_ON_SERVER,
      SEND,
      CHECK_PHONE,
      { label: m.deleteOnPhoneStep, action: { kind: 'deleteLatest', device: 'phone' }, note: m.deleteOnPhoneNote },
      { label: m.deleteOnPhoneCheckAgain, action: { kind: 'check', device: 'phone' } },
    ],
    watch: [m.deleteOnPhoneWatch1, m.deleteOnPhoneWatch2],
  },
];
