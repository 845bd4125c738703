import { decodeCharset, decodeTransfer } from '../../../node-lib/text-decoding';
import { decodeEncodedWords } from '../../mime/encoded-words';
import { headerValue, paramValue } from '../../mime/header';
import type { MimeEntity } from '../../mime/mime-tree';
import { mimeTreeOf } from '../../mime/parsed-message';
import { hasFlag } from '../../store/flags';
import type { MessageRecord } from '../../store/types';
import { inRanges, parseSequenceSet, type SequenceRanges } from '../sequence-set';
import type { SearchKey } from './search-keys';

const DAY_MS = 86_400_000;

/** One message being tested, with its bytes read only when a key needs them. */
export interface Candidate {
  sequence: number;
  message: Readonly<MessageRecord>;
  raw: () => Promise<Buffer>;
}

/** What "*" means in the mailbox being searched. */
export interface SearchScope {
  exists: number;
  largestUid: number;
}

function compareDay(day: number, compare: 'before' | 'on' | 'since', wanted: number): boolean {
  if (compare === 'before') return day < wanted;
  if (compare === 'on') return day === wanted;
  return day >= wanted;
}

function textOfLeaves(raw: Buffer, entity: MimeEntity): string[] {
  if (entity.children.length > 0) return entity.children.flatMap((child) => textOfLeaves(raw, child));
  if (entity.message) return textOfLeaves(raw, entity.message);
  if (entity.type !== 'text') return [];
  const bytes = decodeTransfer(raw.subarray(entity.bodyStart, entity.end), headerValue(entity.fields, 'content-transfer-encoding'));
  return [decodeCharset(bytes, paramValue(entity.params, 'charset'))];
}

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

/**
 * Tests messages against search keys (RFC 3501 §6.4.4): strings match case-insensitively as
 * substrings of decoded header values (RFC 2047) and decoded text parts; dates ignore the time.
 */
export class SearchMatcher {
  private readonly ranges = new Map<string, SequenceRanges | null>();

  constructor(private readonly scope: SearchScope) {}

  async matches(key: SearchKey, candidate: Candidate): Promise<boolean> {
    const { message } = candidate;
    switch (key.op) {
      case 'all':
        return true;
      case 'none':
        return false;
      case 'flag':
        return hasFlag(message.flags, key.flag) === key.present;
      case 'sequence':
        return this.inSet(key.set, this.scope.exists, candidate.sequence);
      case 'uid':
        return this.inSet(`uid:${key.set}`, this.scope.largestUid, message.uid);
      case 'size':
        return key.compare === 'larger' ? message.size > key.size : message.size < key.size;
      case 'modseq':
        return message.modseq >= key.modseq;
      case 'internal-date':
        return compareDay(Math.floor(message.internalDate / DAY_MS), key.compare, key.day);
      case 'sent-date': {
        const tree = mimeTreeOf(await candidate.raw());
        const sent = Date.parse(headerValue(tree.fields, 'date') ?? '');
        return compareDay(Math.floor((Number.isNaN(sent) ? message.internalDate : sent) / DAY_MS), key.compare, key.day);
      }
      case 'header': {
        const tree = mimeTreeOf(await candidate.raw());
        const fields = tree.fields.filter((field) => field.key === key.field);
        // RFC 3501 §6.4.4: HEADER with an empty string matches every message that has the field.
        return fields.some((field) => key.value === '' || contains(decodeEncodedWords(field.value), key.value));
      }
      case 'body':
      case 'text': {
        const raw = await candidate.raw();
        const tree = mimeTreeOf(raw);
        const texts = textOfLeaves(raw, tree);
        if (key.op === 'text') texts.push(...tree.fields.map((field) => decodeEncodedWords(field.value)));
        return texts.some((text) => contains(text, key.value));
      }
      case 'not':
        return !(await this.matches(key.key, candidate));
      case 'or':
        return (await this.matches(key.left, candidate)) || (await this.matches(key.right, candidate));
      case 'and':
        for (const part of key.keys) if (!(await this.matches(part, candidate))) return false;
        return true;
      default: {
        const never: never = key;
        throw new Error(`unknown search key ${JSON.stringify(never)}`);
      }
    }
  }

  private inSet(cacheKey: string, largest: number, value: number): boolean {
    if (!this.ranges.has(cacheKey)) this.ranges.set(cacheKey, parseSequenceSet(cacheKey.replace(/^uid:/, ''), largest));
    const ranges = this.ranges.get(cacheKey);
    return ranges ? inRanges(ranges, value) : false;
  }
}
