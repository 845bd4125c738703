import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../../renderer/features/reader/safe-filename';

describe('safeFilename: what a saved attachment may be called', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\evil.dll', 'evil.dll'],
    ['/etc/passwd', 'passwd'],
    ['C:\\Windows\\system32\\x.dll', 'x.dll'],
    ['\\\\server\\share\\a.exe', 'a.exe'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['COM1.log', '_COM1.log'],
    ['con .txt', '_con .txt'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['report.pdf\u0000.exe', 'report.pdf_.exe'],
    ['..', 'attachment'],
    ['name. ', 'name'],
    ['a:b*c?.txt', 'a_b_c_.txt'],
    ['', 'attachment'],
  ])('%j → %j', (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  it('keeps long names short and their extension', () => {
    const name = safeFilename(`${'a'.repeat(2_000)}.pdf`);
    expect(name.length).toBe(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
