let counter = 0;

/** One counter for every event tests put in order (proxy commands, cache commits). */
export function nextEventNumber(): number {
  counter += 1;
  return counter;
}
