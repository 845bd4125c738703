import { describe, expect, it } from 'vitest';
import { highlightTexts, isEmptyQuery, MAX_SEARCH_TEXTS, parseQuery, sizeInBytes } from '../../../../common/search/query';

// A fixed "now": Wednesday 2026-03-18, 15:00 local time.
const NOW = new Date(2026, 2, 18, 15, 0, 0).getTime();
const parse = (text: string) => parseQuery(text, NOW);
const word = (text: string, exclude = false) => ({ text, phrase: false, exclude });

describe('parseQuery', () => {
  it('plain words may be anywhere', () => {
    const query = parse('  lunch   Plans ');
    expect(query.anywhere).toEqual([word('lunch'), word('Plans')]);
    expect(query.problems).toEqual([]);
    expect(isEmptyQuery(query)).toBe(false);
  });

  it('an empty or blank query asks for nothing', () => {
    expect(isEmptyQuery(parse(''))).toBe(true);
    expect(isEmptyQuery(parse('   \t '))).toBe(true);
    expect(isEmptyQuery(parse(' - … '))).toBe(true);
  });

  it('field operators, with a word or a quoted phrase', () => {
    const query = parse('from:ann to:bob@example.com cc:carol subject:"lunch plans" body:contract filename:pdf');
    expect(query.fields).toEqual([
      { field: 'from', text: 'ann', phrase: false, exclude: false },
      { field: 'to', text: 'bob@example.com', phrase: false, exclude: false },
      { field: 'cc', text: 'carol', phrase: false, exclude: false },
      { field: 'subject', text: 'lunch plans', phrase: true, exclude: false },
      { field: 'body', text: 'contract', phrase: false, exclude: false },
      { field: 'filename', text: 'pdf', phrase: false, exclude: false },
    ]);
    expect(query.anywhere).toEqual([]);
    expect(query.problems).toEqual([]);
  });

  it('operators in any case', () => {
    const query = parse('FROM:Ann Is:Unread HAS:ATTACHMENT In:INBOX');
    expect(query.fields).toEqual([{ field: 'from', text: 'Ann', phrase: false, exclude: false }]);
    expect(query.unread).toBe(true);
    expect(query.hasAttachment).toBe(true);
    expect(query.inFolder).toBe('INBOX');
  });

  it('has:, is: and their exclusions', () => {
    expect(parse('has:attachment').hasAttachment).toBe(true);
    expect(parse('-has:attachment').hasAttachment).toBe(false);
    expect(parse('is:unread').unread).toBe(true);
    expect(parse('is:read').unread).toBe(false);
    expect(parse('-is:unread').unread).toBe(false);
    expect(parse('is:flagged').flagged).toBe(true);
    expect(parse('-is:flagged').flagged).toBe(false);
    expect(parse('is:starred').flagged).toBe(true);
  });

  it('in: a folder, quoted when its name has spaces', () => {
    expect(parse('in:Archive report').inFolder).toBe('Archive');
    const query = parse('in:"Old projects" report');
    expect(query.inFolder).toBe('Old projects');
    expect(query.anywhere).toEqual([word('report')]);
  });

  it('before: and after: take a day, today or yesterday, as local midnights', () => {
    const query = parse('after:2026-01-05 before:2026-02-01');
    expect(query.after).toBe(new Date(2026, 0, 5).getTime());
    expect(query.before).toBe(new Date(2026, 1, 1).getTime());
    expect(parse('after:today').after).toBe(new Date(2026, 2, 18).getTime());
    expect(parse('before:Yesterday').before).toBe(new Date(2026, 2, 17).getTime());
    expect(parse('after:2026/3/1').after).toBe(new Date(2026, 2, 1).getTime());
    // Yesterday of the 1st is the last day of the month before.
    expect(parseQuery('after:yesterday', new Date(2026, 2, 1, 9).getTime()).after).toBe(new Date(2026, 1, 28).getTime());
  });

  it('says plainly which dates were not understood, and searches the rest', () => {
    const query = parse('after:tomorrow before:2026-02-30 invoice');
    expect(query.after).toBeNull();
    expect(query.before).toBeNull();
    expect(query.anywhere).toEqual([word('invoice')]);
    expect(query.problems).toEqual([
      { kind: 'not-a-day', raw: 'after:tomorrow' },
      { kind: 'not-a-day', raw: 'before:2026-02-30' },
    ]);
  });

  it('says when after: and before: leave no day between them', () => {
    expect(parse('after:2026-03-10 before:2026-03-10').problems).toEqual([{ kind: 'days-exclude-each-other' }]);
    expect(parse('after:2026-03-10 before:2026-03-11').problems).toEqual([]);
  });

  it('larger: in bytes, k, M, G', () => {
    expect(parse('larger:2M').largerThan).toBe(2 * 1024 * 1024);
    expect(parse('larger:500k').largerThan).toBe(500 * 1024);
    expect(parse('larger:1.5mb').largerThan).toBe(1_572_864);
    expect(parse('larger:300').largerThan).toBe(300);
    expect(sizeInBytes('1G')).toBe(1024 ** 3);
    const query = parse('larger:huge');
    expect(query.largerThan).toBeNull();
    expect(query.problems).toEqual([{ kind: 'not-a-size', raw: 'larger:huge' }]);
  });

  it('quoted phrases, also unclosed, and a quoted single word is a word', () => {
    expect(parse('"lunch plans" friday').anywhere).toEqual([{ text: 'lunch plans', phrase: true, exclude: false }, word('friday')]);
    expect(parse('"lunch plans').anywhere).toEqual([{ text: 'lunch plans', phrase: true, exclude: false }]);
    expect(parse('"lunch"').anywhere).toEqual([word('lunch')]);
    expect(parse('say"hello world"').anywhere).toEqual([word('say'), { text: 'hello world', phrase: true, exclude: false }]);
  });

  it('- excludes a word, a phrase or a field condition; a dash inside a word stays', () => {
    const query = parse('report -draft -"old version" -from:bob e-mail');
    expect(query.anywhere).toEqual([word('report'), word('draft', true), { text: 'old version', phrase: true, exclude: true }, word('e-mail')]);
    expect(query.fields).toEqual([{ field: 'from', text: 'bob', phrase: false, exclude: true }]);
  });

  it('a colon in a plain word keeps it a word: times, links', () => {
    const query = parse('meeting 10:30 https://example.com/a?b=c mailto:ann@example.com');
    expect(query.anywhere.map((t) => t.text)).toEqual(['meeting', '10:30', 'https://example.com/a?b=c', 'mailto:ann@example.com']);
    expect(query.problems).toEqual([]);
  });

  it('an operator nobody knows is searched as words, and said', () => {
    const query = parse('form:ann');
    expect(query.anywhere).toEqual([word('form:ann')]);
    expect(query.problems).toEqual([{ kind: 'unknown-operator', operator: 'form', raw: 'form:ann' }]);
  });

  it('an operator without a value, an unknown is: or has:, says so', () => {
    const query = parse('from: is:urgent has:pictures');
    expect(query.fields).toEqual([]);
    expect(query.unread).toBeNull();
    expect(query.problems).toEqual([
      { kind: 'missing-value', operator: 'from' },
      { kind: 'unknown-is', raw: 'is:urgent' },
      { kind: 'unknown-has', raw: 'has:pictures' },
    ]);
    expect(isEmptyQuery(query)).toBe(true);
  });

  it('combines words and operators', () => {
    const query = parse('budget from:ann is:unread has:attachment in:Work after:2026-01-01 larger:1M -"out of office"');
    expect(query.anywhere).toEqual([word('budget'), { text: 'out of office', phrase: true, exclude: true }]);
    expect(query.fields).toHaveLength(1);
    expect([query.unread, query.hasAttachment, query.inFolder, query.largerThan]).toEqual([true, true, 'Work', 1024 * 1024]);
    expect(query.after).toBe(new Date(2026, 0, 1).getTime());
    expect(query.problems).toEqual([]);
  });

  it('right-to-left and CJK words, and diacritics, are kept as typed', () => {
    const query = parse('שלום from:محمد 会議資料 "Grüße aus Köln"');
    expect(query.anywhere).toEqual([word('שלום'), word('会議資料'), { text: 'Grüße aus Köln', phrase: true, exclude: false }]);
    expect(query.fields).toEqual([{ field: 'from', text: 'محمد', phrase: false, exclude: false }]);
  });

  it('malformed input never throws', () => {
    for (const text of ['"', '-', '--', '-"', ':', 'from:"', 'in:""', '""""', 'a:b:c', '-:x', '\u0000from:\u0000', '\uD800', 'before:-1-1-1', 'larger:1e99k', 'is:', '-is:']) {
      expect(() => parse(text)).not.toThrow();
    }
    expect(parse('in:""').problems).toHaveLength(1);
    expect(parse('a:b:c').anywhere).toEqual([word('a:b:c')]);
  });

  it('is bounded: a long query with hundreds of operators parses fast, searching the first words only', () => {
    // 500 operators in 2,000 characters.
    const text = Array.from({ length: 500 }, (_, i) => (i % 2 ? 'to:a' : 'is:x')).join('');
    expect(text.length).toBe(2_000);
    const query = parse(text.replaceAll(':a', ':a ').replaceAll(':x', ':x ').slice(0, 2_000));
    expect(query.fields).toHaveLength(MAX_SEARCH_TEXTS);
    // Each problem said once.
    expect(query.problems).toEqual([
      { kind: 'unknown-is', raw: 'is:x' },
      { kind: 'texts-dropped', searched: MAX_SEARCH_TEXTS, dropped: 168 },
    ]);
    const many = parse(Array.from({ length: 40 }, (_, i) => `is:x${i}`).join(' '));
    expect(many.problems).toHaveLength(5);
    expect(many.problems.at(-1)).toEqual({ kind: 'more-problems', count: 36 });
    // The cut at 2,000 characters is said too.
    expect(parse('x'.repeat(5_000)).problems[0]).toEqual({ kind: 'query-cut', searched: 2_000 });
  });

  it('leaves out what cannot be excluded, and says what to write instead', () => {
    const query = parse('-in:Work -before:2026-01-01 -after:today -larger:2M');
    expect([query.inFolder, query.before, query.after, query.largerThan]).toEqual([null, null, null, null]);
    expect(query.problems).toEqual([
      { kind: 'excluded-folder', raw: '-in:Work' },
      { kind: 'excluded-day', raw: '-before:2026-01-01', instead: 'after' },
      { kind: 'excluded-day', raw: '-after:today', instead: 'before' },
      { kind: 'excluded-size', raw: '-larger:2M' },
    ]);
  });

  it('highlights what is searched for, not what is left out', () => {
    expect(highlightTexts(parse('report -draft from:ann filename:pdf "lunch plans"'))).toEqual(['report', 'lunch plans', 'ann']);
  });
});
