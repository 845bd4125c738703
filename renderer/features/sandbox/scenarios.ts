import type { PopRetention } from '../../../common/model/account';

/** The two devices of a demonstration: the Laptop on IMAP, the Phone on POP. */
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
  label: string;
  action: StepAction;
  note?: string;
}

export interface Scenario {
  id: string;
  title: string;
  intro: string;
  /** The device whose view of the server tells the story. */
  serverAs: DemoDevice;
  steps: GuidedStep[];
  /** What to watch once the steps are done. */
  watch: string[];
}

const LEAVE_ON_SERVER: GuidedStep = { label: 'Set the Phone to leave messages on the server', action: { kind: 'phoneRetention', retention: { kind: 'keep' } }, note: 'It checks only when you ask.' };
const SEND: GuidedStep = { label: 'Send a new message to you', action: { kind: 'sendMail' }, note: 'It arrives on the server; the Laptop may show it at once, since IMAP tells it.' };
const CHECK_PHONE: GuidedStep = { label: 'Check mail on the Phone', action: { kind: 'check', device: 'phone' } };

/** The devices issue's scenarios, played by the sandbox's Laptop (IMAP) and Phone (POP). */
export const SCENARIOS: Scenario[] = [
  {
    id: 'delete-after-download',
    title: 'Delete right after download',
    intro: 'The Phone uses POP and deletes each message from the server as soon as it has it. The Laptop uses IMAP: it shows what is on the server.',
    serverAs: 'phone',
    steps: [
      {
        label: 'Set the Phone to delete messages from the server right after download',
        action: { kind: 'phoneRetention', retention: { kind: 'delete-after-download' } },
        note: 'From its next check on, the Phone deletes from the server every message it has downloaded, the sample mail too. It checks only when you ask.',
      },
      SEND,
      CHECK_PHONE,
    ],
    watch: [
      'The Phone has the new message in its Inbox.',
      'The Laptop does not keep it: the Phone deleted it from the server, and IMAP shows only what the server has. The sample mail leaves the Laptop too, for the same reason.',
      'The server panel, as seen by the Phone, shows an empty maildrop and, under “Deleted from the server by this account’s devices”, which device deleted each message and by which setting.',
      '“Reset the sandbox”, below, brings the mail back to the server.',
    ],
  },
  {
    id: 'read-on-laptop',
    title: 'Read on the Laptop, the Phone stays unread',
    intro: 'IMAP keeps read and unread on the server, for every IMAP device. POP has no read state: a message the Phone downloads starts unread there.',
    serverAs: 'laptop',
    steps: [LEAVE_ON_SERVER, SEND, { label: 'Open the new message on the Laptop', action: { kind: 'openLatest', device: 'laptop' } }, CHECK_PHONE],
    watch: [
      'The Laptop shows the message read, and the server panel, as seen by the Laptop, lists it with \\Seen.',
      'The Phone downloaded it unread: what you read on the Laptop is news to the Phone.',
    ],
  },
  {
    id: 'delete-on-phone',
    title: 'Delete on the Phone, it stays on the server for the Laptop',
    intro: 'With “Leave messages on the server”, what the Phone deletes is deleted on the Phone only.',
    serverAs: 'phone',
    steps: [
      LEAVE_ON_SERVER,
      SEND,
      CHECK_PHONE,
      { label: 'Delete the new message on the Phone', action: { kind: 'deleteLatest', device: 'phone' }, note: 'It goes to the Phone’s Trash.' },
      { label: 'Check mail on the Phone again', action: { kind: 'check', device: 'phone' } },
    ],
    watch: [
      'The message is gone from the Phone’s Inbox, and still in the Laptop’s.',
      'The server panel, as seen by the Phone, still lists it in the maildrop: the Phone’s setting leaves messages on the server. With “Delete from the server when I delete it here”, this check would have removed it.',
    ],
  },
];
