import { describe, expect, it } from 'vitest';
import { DEFAULT_TERM_LIMITS, MAX_TERM_LENGTH, distinctTerms, foldText, isCjkTerm, terms } from '../../../../common/search/tokenize';

describe('foldText', () => {
  it('lowers case and drops Latin diacritics', () => {
    expect(foldText('Müller Café CRÈME naïve Ångström')).toBe('muller cafe creme naive angstrom');
  });

  it('spells German ß (and capital ẞ) as ss', () => {
    expect(terms('Straße GROẞ')).toEqual(['strasse', 'gross']);
  });

  it('matches Turkish dotted and dotless i with a plain i', () => {
    expect(terms('İstanbul Diyarbakır ISPARTA')).toEqual(['istanbul', 'diyarbakir', 'isparta']);
  });

  it('folds Nordic and Polish letters that do not decompose', () => {
    expect(terms('Søren Æble Łódź Œuvre')).toEqual(['soren', 'aeble', 'lodz', 'oeuvre']);
  });

  it('unifies full-width forms and ligatures', () => {
    expect(terms('ＡＢＣ１２ ﬁle')).toEqual(['abc12', 'file']);
  });
});

describe('terms: scripts', () => {
  it('Greek: accents dropped, final sigma is sigma', () => {
    expect(terms('ΟΔΟΣ Αθήνα οδός')).toEqual(['οδοσ', 'αθηνα', 'οδοσ']);
  });

  it('Cyrillic: ё is е, й is и, case folded', () => {
    expect(terms('Москва ЁЛКА йогурт')).toEqual(['москва', 'елка', 'иогурт']);
  });

  it('Arabic: vowel marks and tatweel dropped, the letters kept', () => {
    expect(terms('مُحَمَّد العـــربية')).toEqual(['محمد', 'العربية']);
  });

  it('Hebrew: points dropped', () => {
    expect(terms('שָׁלוֹם עולם')).toEqual(['שלום', 'עולם']);
  });

  it('Devanagari: vowel signs stay inside the word', () => {
    expect(terms('हिन्दी भाषा')).toEqual(['हिन्दी', 'भाषा']);
  });

  it('Chinese: overlapping bigrams', () => {
    expect(terms('会议纪要')).toEqual(['会议', '议纪', '纪要']);
  });

  it('Japanese: kana and kanji as one run of bigrams, voicing marks kept', () => {
    expect(terms('東京に行きます')).toEqual(['東京', '京に', 'に行', '行き', 'きま', 'ます']);
    expect(terms('がぎ')).toEqual(['がぎ']);
    expect(terms('かき')).not.toEqual(terms('がぎ'));
  });

  it('Japanese half-width katakana become full-width, voicing mark joined', () => {
    expect(terms('ｶﾞｲﾄﾞ')).toEqual(terms('ガイド'));
  });

  it('Korean: syllables stay whole (not split into jamo), as bigrams', () => {
    expect(terms('한국어 서울')).toEqual(['한국', '국어', '서울']);
  });

  it('a single CJK character is its own term', () => {
    expect(terms('日')).toEqual(['日']);
  });

  it('mixed scripts split at each change between CJK and the rest', () => {
    expect(terms('iPhone15 東京Tower Москва東京')).toEqual(['iphone15', '東京', 'tower', 'москва', '東京']);
  });

  it('isCjkTerm tells CJK terms apart', () => {
    expect(terms('東京 tokyo 서울').map(isCjkTerm)).toEqual([true, false, true]);
  });
});

describe('terms: symbols, numbers, addresses', () => {
  it('drops emoji and punctuation, keeps numbers as terms', () => {
    expect(terms('Hi 👋 🎉! 2024-05-01, 3.14 — v2')).toEqual(['hi', '2024', '05', '01', '3', '14', 'v2']);
  });

  it('an emoji-only or punctuation-only text has no terms', () => {
    expect(terms('👍🏽 ... !!! ❤️')).toEqual([]);
    expect(terms('')).toEqual([]);
  });

  it('gives an address whole, then its parts', () => {
    expect(terms('Mail Ann@Example.com.')).toEqual(['mail', 'ann@example.com', 'ann', 'example', 'com']);
  });

  it('reads addresses with dots, plus and subdomains, and a folded accent', () => {
    expect(terms('<x.y+z@mail.co.uk>, jürgen@müller.de')).toEqual(['x.y+z@mail.co.uk', 'x', 'y', 'z', 'mail', 'co', 'uk', 'jurgen@muller.de', 'jurgen', 'muller', 'de']);
  });

  it('an @ without a domain is not an address', () => {
    expect(terms('@ann hello@ a@b')).toEqual(['ann', 'hello', 'a', 'b']);
  });

  it('cuts long terms, never inside a surrogate pair', () => {
    const long = 'a'.repeat(100);
    expect(terms(long)).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
    // Gothic letters are two UTF-16 units each: after one "a", the 40th unit is a high surrogate.
    expect(terms(`a${'𐌰'.repeat(60)}`)).toEqual([`a${'𐌰'.repeat(19)}`]);
  });
});

describe('distinctTerms: bounded work', () => {
  it('keeps each term once, in order of first appearance', () => {
    expect([...distinctTerms(['b a b', 'c a'])]).toEqual(['b', 'a', 'c']);
  });

  it('stops at the term limit, the first texts winning', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => `w${i}`).join(' ');
    const kept = distinctTerms(['header', many], { maxTerms: 100, maxCharsPerText: 1_000_000 });
    expect(kept.size).toBe(100);
    expect([...kept][0]).toBe('header');
    expect(kept.has('w98')).toBe(true);
    expect(kept.has('w99')).toBe(false);
  });

  it('reads only the start of a huge text', () => {
    const text = 'start '.repeat(10) + 'x'.repeat(DEFAULT_TERM_LIMITS.maxCharsPerText) + ' hidden';
    const kept = distinctTerms([text]);
    expect(kept.has('start')).toBe(true);
    expect(kept.has('hidden')).toBe(false);
  });

  it('stays linear on a pathological run of dots and letters (no address backtracking)', () => {
    const text = 'a.'.repeat(50_000) + '@';
    // A quadratic scan of 100,000 characters would not end within the test's time limit.
    expect(distinctTerms([text]).size).toBe(1);
  });
});
