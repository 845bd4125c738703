import type { SectionSpec } from '../../mime/sections';
import { astringBytes } from '../arguments';
import { ImapSyntaxError, type ImapToken } from '../tokenizer';

export type SimpleItem = 'UID' | 'FLAGS' | 'RFC822.SIZE' | 'INTERNALDATE' | 'ENVELOPE' | 'BODYSTRUCTURE' | 'BODY' | 'MODSEQ' | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT';

/** One FETCH data item (RFC 3501 §6.4.5). */
export type FetchItem =
  | { kind: 'simple'; name: SimpleItem }
  | {
      kind: 'section';
      /** BODY.PEEK does not set \Seen. */
      peek: boolean;
      spec: SectionSpec;
      /** The section as it is echoed in the answer: "BODY[1.2.HEADER.FIELDS (FROM)]". */
      label: string;
      partial: { start: number; length: number | null } | null;
    };

const SIMPLE = new Set<string>(['UID', 'FLAGS', 'RFC822.SIZE', 'INTERNALDATE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'MODSEQ', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT']);
const MACROS: Record<string, SimpleItem[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};
const SECTION = /^(?:(\d+(?:\.\d+)*)(?:\.(HEADER\.FIELDS\.NOT|HEADER\.FIELDS|HEADER|TEXT|MIME))?|(HEADER\.FIELDS\.NOT|HEADER\.FIELDS|HEADER|TEXT))$/;

function isSimple(name: string): name is SimpleItem {
  return SIMPLE.has(name);
}

/** RFC 3501 §6.4.5 section-spec, e.g. [] or [1.2.MIME] or [HEADER.FIELDS (From To)]. */
function readSection(tokens: readonly ImapToken[]): { spec: SectionSpec; label: string } {
  if (tokens.length === 0) return { spec: { path: [], text: null, fields: [] }, label: '' };
  const [first, fieldList, ...rest] = tokens;
  if (first?.type !== 'atom' || rest.length > 0) throw new ImapSyntaxError('Invalid section');
  const match = SECTION.exec(first.value.toUpperCase());
  if (!match) throw new ImapSyntaxError('Invalid section');
  const path = match[1] ? match[1].split('.').map(Number) : [];
  if (path.some((number) => number === 0)) throw new ImapSyntaxError('Part numbers start at 1');
  const text = (match[2] ?? match[3] ?? null) as SectionSpec['text'];
  const wantsFields = text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT';
  if (wantsFields !== (fieldList !== undefined)) throw new ImapSyntaxError('HEADER.FIELDS needs a list of field names');
  if (!wantsFields) return { spec: { path, text, fields: [] }, label: first.value.toUpperCase() };
  if (fieldList?.type !== 'list' || fieldList.items.length === 0) throw new ImapSyntaxError('Expected a list of header field names');
  const fields = fieldList.items.map((item) => astringBytes(item, 'header field name').toString('latin1'));
  if (fields.some((field) => !/^[\x21-\x39\x3b-\x7e]+$/.test(field))) throw new ImapSyntaxError('Invalid header field name');
  return { spec: { path, text, fields }, label: `${first.value.toUpperCase()} (${fields.map((field) => field.toUpperCase()).join(' ')})` };
}

function readItem(token: ImapToken): FetchItem {
  if (token.type !== 'atom') throw new ImapSyntaxError('Invalid fetch item');
  const name = token.value.toUpperCase();
  if (token.section) {
    if (name !== 'BODY' && name !== 'BODY.PEEK') throw new ImapSyntaxError(`${name.slice(0, 20)} takes no section`);
    const { spec, label } = readSection(token.section);
    return { kind: 'section', peek: name === 'BODY.PEEK', spec, label: `BODY[${label}]`, partial: token.partial ?? null };
  }
  if (token.partial) throw new ImapSyntaxError('A partial needs a section');
  if (!isSimple(name)) throw new ImapSyntaxError(`Unknown fetch item ${name.slice(0, 30)}`);
  return { kind: 'simple', name };
}

/** The items of a FETCH: a macro, one item, or a list of items. */
export function readFetchItems(token: ImapToken): FetchItem[] {
  if (token.type === 'atom' && !token.section) {
    const macro = MACROS[token.value.toUpperCase()];
    if (macro) return macro.map((name) => ({ kind: 'simple', name }));
  }
  const items = token.type === 'list' ? token.items.map(readItem) : [readItem(token)];
  if (items.length === 0) throw new ImapSyntaxError('No fetch items');
  return items;
}
