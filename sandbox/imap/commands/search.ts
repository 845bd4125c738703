import type { ArgumentReader } from '../arguments';
import type { CommandSession, CommandSpec } from '../session-types';
import { str, type Wire } from '../response';
import { SearchKeyReader, usesModseq } from '../search/search-keys';
import { SearchMatcher } from '../search/search-match';
import { formatSequenceSet } from '../sequence-set';
import { ImapSyntaxError } from '../tokenizer';

const RETURN_OPTIONS = new Set(['MIN', 'MAX', 'COUNT', 'ALL']);
const CHARSETS = new Set(['UTF-8', 'US-ASCII']);

/** RFC 4731 §3.1: SEARCH RETURN (options); an empty list means ALL. Null for a plain SEARCH. */
function readReturn(args: ArgumentReader): string[] | null {
  const first = args.peek();
  if (first?.type !== 'atom' || first.value.toUpperCase() !== 'RETURN') return null;
  args.next('RETURN');
  const options = args.list('return options').map((token) => (token.type === 'atom' ? token.value.toUpperCase() : ''));
  if (options.some((option) => !RETURN_OPTIONS.has(option))) throw new ImapSyntaxError('Unknown search return option');
  return options.length > 0 ? options : ['ALL'];
}

/** RFC 4731 §3.1 ESEARCH data: only the asked-for items; MIN, MAX and ALL only when something matched. */
function esearchData(options: readonly string[], results: readonly number[], modseq: number | null): Wire[] {
  const data: Wire[] = [];
  if (options.includes('MIN') && results.length > 0) data.push('MIN', results[0]!);
  if (options.includes('MAX') && results.length > 0) data.push('MAX', results[results.length - 1]!);
  if (options.includes('COUNT')) data.push('COUNT', results.length);
  if (options.includes('ALL') && results.length > 0) data.push('ALL', formatSequenceSet(results));
  if (modseq !== null && results.length > 0) data.push('MODSEQ', modseq);
  return data;
}

function searchCommand(byUid: boolean): CommandSpec {
  return {
    states: ['selected'],
    holdsExpunges: true,
    run: async (session: CommandSession, args, command) => {
      const { store } = session.context;
      const user = session.userName;
      const view = session.selected!;
      const returnOptions = readReturn(args);
      const charsetToken = args.peek();
      if (charsetToken?.type === 'atom' && charsetToken.value.toUpperCase() === 'CHARSET') {
        args.next('CHARSET');
        const charset = args.astring('charset').toUpperCase();
        if (!CHARSETS.has(charset)) return { status: 'NO', code: 'BADCHARSET (US-ASCII UTF-8)', text: 'Unsupported charset' };
      }
      const tokens = Array.from({ length: args.remaining }, () => args.next('search key'));
      const key = new SearchKeyReader(tokens, (bytes) => bytes.toString('utf8')).readAll();
      const withModseq = usesModseq(key);
      if (withModseq) session.condstoreUsed = true;
      const matcher = new SearchMatcher({ exists: view.exists, largestUid: view.largestUid });
      const results: number[] = [];
      let highestModseq = 0;
      for (const [index, uid] of view.uids.entries()) {
        const message = store.message(user, view.folderId, uid);
        if (!message) continue;
        if (!(await matcher.matches(key, { sequence: index + 1, message, raw: () => store.readRaw(user, message) }))) continue;
        results.push(byUid ? uid : index + 1);
        highestModseq = Math.max(highestModseq, message.modseq);
      }
      if (returnOptions) {
        session.untagged('ESEARCH', ['TAG', str(command.tag)], ...(byUid ? ['UID'] : []), ...esearchData(returnOptions, results, withModseq ? highestModseq : null));
      } else {
        const trailer: Wire[] = withModseq && results.length > 0 ? [['MODSEQ', highestModseq]] : [];
        session.untagged('SEARCH', ...results, ...trailer);
      }
      return { status: 'OK', text: 'Search completed' };
    },
  };
}

/** RFC 3501 §6.4.4 SEARCH, with RFC 4731 ESEARCH and RFC 7162 MODSEQ. */
export const search = searchCommand(false);
/** RFC 3501 §6.4.8 UID SEARCH. */
export const uidSearch = searchCommand(true);
