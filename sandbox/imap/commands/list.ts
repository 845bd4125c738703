import { HIERARCHY_DELIMITER, normalizeFolderName } from '../../store/folder-names';
import type { ArgumentReader } from '../arguments';
import { astringBytes } from '../arguments';
import { MAX_LIST_PATTERN_LENGTH, listPatternMatcher } from '../list-pattern';
import type { CommandSession, CommandSpec } from '../session-types';
import { str, type Wire } from '../response';
import { ImapSyntaxError } from '../tokenizer';
import { sendStatus, statusItemsOf } from './status';

interface ListRequest {
  patterns: string[];
  /** RFC 5258 selection options. */
  subscribedOnly: boolean;
  specialUseOnly: boolean;
  /** RFC 5258 / RFC 6154 / RFC 5819 return options. */
  returnSubscribed: boolean;
  statusItems: string[] | null;
}

/** LIST [(selection)] reference pattern(s) [RETURN (options)] (RFC 3501 §6.3.8, RFC 5258 §3). */
function readListRequest(args: ArgumentReader): ListRequest {
  const request: ListRequest = { patterns: [], subscribedOnly: false, specialUseOnly: false, returnSubscribed: false, statusItems: null };
  if (args.peek()?.type === 'list') {
    for (const option of args.list('selection options')) {
      const name = option.type === 'atom' ? option.value.toUpperCase() : '';
      if (name === 'SUBSCRIBED') request.subscribedOnly = request.returnSubscribed = true;
      else if (name === 'SPECIAL-USE') request.specialUseOnly = true;
      else if (name !== 'REMOTE' && name !== 'RECURSIVEMATCH') throw new ImapSyntaxError('Unknown LIST selection option');
    }
  }
  const reference = args.astring('reference');
  const patternToken = args.next('mailbox pattern');
  const patterns = patternToken.type === 'list' ? patternToken.items.map((item) => astringBytes(item, 'pattern')) : [astringBytes(patternToken, 'pattern')];
  request.patterns = patterns.map((pattern) => reference + pattern.toString('utf8'));
  // Matching costs pattern × name steps per folder, so many patterns count together.
  if (request.patterns.reduce((sum, pattern) => sum + pattern.length, 0) > MAX_LIST_PATTERN_LENGTH) {
    throw new ImapSyntaxError(`Mailbox patterns longer than ${MAX_LIST_PATTERN_LENGTH} characters together`);
  }
  if (args.remaining > 0) {
    if (args.atom('RETURN') !== 'RETURN') throw new ImapSyntaxError('Expected RETURN');
    const options = args.list('return options');
    for (let index = 0; index < options.length; index++) {
      const option = options[index]!;
      const name = option.type === 'atom' ? option.value.toUpperCase() : '';
      if (name === 'SUBSCRIBED') request.returnSubscribed = true;
      else if (name === 'STATUS') {
        const items = options[index + 1];
        if (items?.type !== 'list') throw new ImapSyntaxError('STATUS needs a list of items');
        request.statusItems = statusItemsOf(items.items);
        index += 1;
      } else if (name !== 'CHILDREN' && name !== 'SPECIAL-USE') throw new ImapSyntaxError('Unknown LIST return option');
    }
  }
  args.end();
  return request;
}

function sendList(session: CommandSession, request: ListRequest, verb: 'LIST' | 'LSUB'): void {
  const { store } = session.context;
  const user = session.userName;
  const matchers = request.patterns.map(listPatternMatcher);
  const subscribed = new Set(store.subscriptions(user).map(normalizeFolderName));
  const matches = (name: string) => matchers.some((matcher) => matcher(name));
  for (const folder of store.folders(user)) {
    if (!matches(folder.name)) continue;
    if (request.subscribedOnly && !subscribed.has(folder.name)) continue;
    if (request.specialUseOnly && !folder.specialUse) continue;
    const attributes: Wire[] = [store.hasChildren(user, folder.name) ? '\\HasChildren' : '\\HasNoChildren'];
    if (folder.specialUse) attributes.push(folder.specialUse);
    if (request.returnSubscribed && subscribed.has(folder.name) && verb === 'LIST') attributes.push('\\Subscribed');
    session.untagged(verb, attributes, str(HIERARCHY_DELIMITER), str(folder.name));
    if (request.statusItems) sendStatus(session, folder, request.statusItems);
  }
  // Subscriptions to folders that no longer exist (RFC 5258 §3.1 \NonExistent; LSUB: \Noselect).
  if (!request.subscribedOnly) return;
  for (const name of subscribed) {
    if (store.folder(user, name) || !matches(name)) continue;
    const attributes = verb === 'LSUB' ? ['\\Noselect'] : ['\\NonExistent', '\\Subscribed'];
    session.untagged(verb, attributes, str(HIERARCHY_DELIMITER), str(name));
  }
}

/** RFC 3501 §6.3.8 LIST, with RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE and RFC 5819 LIST-STATUS. */
export const list: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => {
    const request = readListRequest(args);
    if (request.patterns.length === 1 && request.patterns[0] === '') {
      // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and the root.
      session.untagged('LIST', ['\\Noselect'], str(HIERARCHY_DELIMITER), str(''));
    } else {
      sendList(session, request, 'LIST');
    }
    return { status: 'OK', text: 'List completed' };
  },
};

/** RFC 3501 §6.3.9 LSUB. */
export const lsub: CommandSpec = {
  states: ['authenticated', 'selected'],
  run: (session, args) => {
    const reference = args.astring('reference');
    const pattern = args.astring('mailbox pattern');
    args.end();
    sendList(session, { patterns: [reference + pattern], subscribedOnly: true, specialUseOnly: false, returnSubscribed: false, statusItems: null }, 'LSUB');
    return { status: 'OK', text: 'Lsub completed' };
  },
};
