import { describe, expect, it } from 'vitest';
import { formatFromStored } from '../../../renderer/features/composer/compose-format';

describe('how a new message starts', () => {
  it('is rich text until the user chooses plain text in a composer, whatever else is stored', () => {
    expect(formatFromStored(null)).toBe('rich');
    expect(formatFromStored('"rich"')).toBe('rich');
    expect(formatFromStored('"plain"')).toBe('plain');
    expect(formatFromStored('plain')).toBe('rich');
    expect(formatFromStored('{"broken"')).toBe('rich');
  });
});
