import { describe, expect, it } from 'vitest';
import { formatOctets } from '../../../common/model/raw-source';

describe('one size wording for every size the user reads (issue 12, item 5)', () => {
  it('says a small file’s real size in bytes, never “1 KB”', () => {
    // The composer said "1 KB" and the reader "16 B" for the same 16-byte file.
    expect(formatOctets(16)).toBe('16 bytes');
    expect(formatOctets(1)).toBe('1 byte');
    expect(formatOctets(0)).toBe('0 bytes');
    expect(formatOctets(1023)).toBe('1023 bytes');
  });

  it('keeps one decimal below 10 of a unit, none above, and moves up a unit instead of saying 1024', () => {
    expect(formatOctets(1024)).toBe('1 KB');
    expect(formatOctets(1536)).toBe('1.5 KB');
    expect(formatOctets(812 * 1024)).toBe('812 KB');
    expect(formatOctets(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatOctets(1.5 * 1024 * 1024)).toBe('1.5 MB');
    // formatSize said "32.0 MB" where formatOctets said "32 MB".
    expect(formatOctets(32 * 1024 * 1024)).toBe('32 MB');
    expect(formatOctets(64 * 1024 * 1024)).toBe('64 MB');
    expect(formatOctets(1.2 * 1024 ** 3)).toBe('1.2 GB');
  });
});
