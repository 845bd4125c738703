import { describe, expect, it } from 'vitest';
import type { SrvAnswer } from '../../../../main/discovery/network';
import { isDeclined, orderSrv } from '../../../../main/discovery/srv-order';

const record = (name: string, priority: number, weight: number, port = 993): SrvAnswer => ({ name, port, priority, weight });

describe('orderSrv (RFC 2782)', () => {
  it('tries the lowest priority first', () => {
    const ordered = orderSrv([record('c', 30, 0), record('a', 10, 0), record('b', 20, 0)]);
    expect(ordered.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('orders one priority by weight: the running sum picks, the chosen record leaves', () => {
    const records = [record('light', 10, 10), record('heavy', 10, 90)];
    // random 0.5 → pick 50 of 0..100: the running sum reaches 50 at "heavy" (10, then 100).
    expect(orderSrv(records, () => 0.5).map((r) => r.name)).toEqual(['heavy', 'light']);
    // random 0 → pick 0: the first record whose running sum reaches 0, "light".
    expect(orderSrv(records, () => 0).map((r) => r.name)).toEqual(['light', 'heavy']);
  });

  it('puts weight-0 records first in the selection, so they keep a small chance', () => {
    expect(orderSrv([record('weighted', 5, 100), record('zero', 5, 0)], () => 0).map((r) => r.name)).toEqual(['zero', 'weighted']);
    expect(orderSrv([record('weighted', 5, 100), record('zero', 5, 0)], () => 0.99).map((r) => r.name)).toEqual(['weighted', 'zero']);
  });

  it('never drops nor duplicates a record, whatever the random numbers', () => {
    const records = Array.from({ length: 20 }, (_, i) => record(`h${i}`, i % 3, (i * 7) % 11));
    for (const random of [() => 0, () => 0.999999, Math.random]) {
      const ordered = orderSrv(records, random);
      expect(ordered.map((r) => r.name).sort()).toEqual(records.map((r) => r.name).sort());
      expect(ordered.map((r) => r.priority)).toEqual([...ordered.map((r) => r.priority)].sort((a, b) => a - b));
    }
  });

  it('treats a target of "." as "not offered" (RFC 6186 §3.4), and drops port 0', () => {
    expect(isDeclined([record('', 0, 0, 0)])).toBe(true);
    expect(isDeclined([record('.', 0, 0, 0)])).toBe(true);
    expect(isDeclined([record('imap.example.test', 0, 0)])).toBe(false);
    expect(orderSrv([record('', 0, 0, 0), record('x', 1, 0, 0), record('y', 1, 0)]).map((r) => r.name)).toEqual(['y']);
  });
});
