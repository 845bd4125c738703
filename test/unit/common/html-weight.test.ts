import { describe, expect, it } from 'vitest';
import { MAX_HTML_ELEMENTS, tooManyElements } from '../../../common/html-weight';

describe('tooManyElements: counted without parsing', () => {
  it('counts start tags only, up to the limit and one past it', () => {
    const tags = (n: number): string => '<b>x</b>'.repeat(n);
    expect(tooManyElements(tags(MAX_HTML_ELEMENTS))).toBe(false);
    expect(tooManyElements(tags(MAX_HTML_ELEMENTS + 1))).toBe(true);
    // End tags, comments, doctype and a lone "<" in text are not elements.
    expect(tooManyElements(`<!DOCTYPE html><!-- c --> 1 < 2 </p></p>${'<i>'.repeat(3)}`, 3)).toBe(false);
    expect(tooManyElements('<I><i><i><i>', 3)).toBe(true);
  });
});
