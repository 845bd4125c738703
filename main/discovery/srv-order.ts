import type { SrvAnswer } from './network';

/**
 * SRV records in the order to try them (RFC 2782): lowest priority first, and within a priority a
 * weighted random order (weight 0 records get a small chance). A lone target of "." means the
 * service is decidedly not offered (RFC 6186 §3.4): no records to try.
 */
export function orderSrv(records: readonly SrvAnswer[], random: () => number = Math.random): SrvAnswer[] {
  const usable = records.filter((record) => record.name !== '' && record.name !== '.' && record.port > 0);
  const priorities = [...new Set(usable.map((record) => record.priority))].sort((a, b) => a - b);
  return priorities.flatMap((priority) => weightedOrder(usable.filter((record) => record.priority === priority), random));
}

/** "Not offered" (RFC 6186 §3.4): the only record's target is ".". */
export function isDeclined(records: readonly SrvAnswer[]): boolean {
  return records.length === 1 && (records[0]!.name === '' || records[0]!.name === '.');
}

/** RFC 2782's selection: pick by running sum of weights, remove, repeat. */
function weightedOrder(group: SrvAnswer[], random: () => number): SrvAnswer[] {
  // Zero-weight records first, as the RFC asks, so they keep a small chance against heavier ones.
  const remaining = [...group].sort((a, b) => Number(a.weight !== 0) - Number(b.weight !== 0));
  const ordered: SrvAnswer[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, record) => sum + record.weight, 0);
    const pick = Math.floor(random() * (total + 1));
    let running = 0;
    let index = remaining.findIndex((record) => (running += record.weight) >= pick);
    if (index < 0) index = remaining.length - 1;
    ordered.push(remaining.splice(index, 1)[0]!);
  }
  return ordered;
}
