import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../common/search/query';
import { wordQuery } from '../../../renderer/i18n/search-problems';
import { highlightTerms } from '../../../renderer/cache/search-match';
import { highlightPieces, highlightRanges, MAX_MARKS } from '../../../renderer/features/search/highlight';

/** The query as the search bar gives it to the search: parsed, its problems in words. */
const searchQuery = (text: string, now?: number) => wordQuery(parseQuery(text, now));

const marked = (text: string, query: string): string =>
  highlightPieces(text, highlightTerms(searchQuery(query)))
    .map(([piece, hit]) => (hit ? `[${piece}]` : piece))
    .join('');

describe('search highlighting', () => {
  it('marks words without case or diacritics, at the start of words', () => {
    expect(marked('Lunch at the Café, then lunch again', 'cafe LUNCH')).toBe('[Lunch] at the [Café], then [lunch] again');
    expect(marked('Quarterly report; the reports', 'repo')).toBe('Quarterly [repo]rt; the [repo]rts');
    // Not inside a word.
    expect(marked('preport', 'repo')).toBe('preport');
  });

  it('keeps the original text’s units: decomposed accents, ß, surrogate pairs', () => {
    expect(marked('Cafe\u0301 noir', 'café')).toBe('[Cafe\u0301] noir');
    expect(marked('Grüße aus der Straße', 'strasse')).toBe('Grüße aus der [Straße]');
    expect(marked('😀 smile 😀smile', 'smile')).toBe('😀 [smile] 😀[smile]');
  });

  it('marks CJK pairs anywhere, and right-to-left words', () => {
    expect(marked('来週の会議資料を送ります', '会議資料')).toBe('来週の[会議資料]を送ります');
    expect(marked('שלום עולם', 'שלום')).toBe('[שלום] עולם');
  });

  it('marks nothing for an empty query or excluded words, and stays bounded', () => {
    expect(marked('draft report', '-draft')).toBe('draft report');
    expect(highlightRanges('abc', [])).toEqual([]);
    expect(highlightRanges('a '.repeat(10_000), ['a'])).toHaveLength(MAX_MARKS);
  });

  it('markup in the text stays text: pieces are only ever cut from it', () => {
    const pieces = highlightPieces('<b>lunch</b>', ['lunch']);
    expect(pieces.map(([p]) => p).join('')).toBe('<b>lunch</b>');
    expect(pieces).toContainEqual(['lunch', true]);
  });
});
