import { normalizeFolderName } from '../../store/folder-names';
import type { CommandSpec } from '../session-types';

const STATES = ['authenticated', 'selected'] as const;

/** RFC 3501 §6.3.3 CREATE (superior folders are made too). */
export const create: CommandSpec = {
  states: STATES,
  run: async (session, args) => {
    const name = args.astring('mailbox');
    args.end();
    await session.context.store.createFolder(session.userName, name);
    return { status: 'OK', text: 'Create completed' };
  },
};

/** RFC 3501 §6.3.4 DELETE. Deleting the selected mailbox first leaves the selected state. */
export const deleteMailbox: CommandSpec = {
  states: STATES,
  run: async (session, args) => {
    const name = args.astring('mailbox');
    args.end();
    const { store } = session.context;
    const folder = store.folder(session.userName, name);
    if (folder && session.selected?.folderId === folder.id && normalizeFolderName(name) !== 'INBOX') session.select(null);
    await store.deleteFolder(session.userName, name, session.id);
    return { status: 'OK', text: 'Delete completed' };
  },
};

/** RFC 3501 §6.3.5 RENAME (folders below it move along). */
export const rename: CommandSpec = {
  states: STATES,
  run: async (session, args) => {
    const from = args.astring('mailbox');
    const to = args.astring('new name');
    args.end();
    await session.context.store.renameFolder(session.userName, from, to, session.id);
    return { status: 'OK', text: 'Rename completed' };
  },
};

/** RFC 3501 §6.3.6 SUBSCRIBE. */
export const subscribe: CommandSpec = {
  states: STATES,
  run: async (session, args) => {
    const name = args.astring('mailbox');
    args.end();
    await session.context.store.setSubscribed(session.userName, name, true);
    return { status: 'OK', text: 'Subscribe completed' };
  },
};

/** RFC 3501 §6.3.7 UNSUBSCRIBE. */
export const unsubscribe: CommandSpec = {
  states: STATES,
  run: async (session, args) => {
    const name = args.astring('mailbox');
    args.end();
    await session.context.store.setSubscribed(session.userName, name, false);
    return { status: 'OK', text: 'Unsubscribe completed' };
  },
};
