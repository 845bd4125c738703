import type { DeviceCacheAccess } from '../sync/backend';
import type { Arrival } from './new-mail';

/**
 * Where a device's sync code reports mail that arrived (header-sync.ts, pop-check.ts): to the
 * core's announcer of that device. Keyed by the device's cache access, the one object the core
 * makes for each device and hands its engine, so the engines report without knowing the core,
 * and a cache access with no route (a test's, a bench's) reports to nobody.
 */
const routes = new WeakMap<DeviceCacheAccess, (arrival: Arrival) => void>();

export function routeArrivals(cache: DeviceCacheAccess, to: (arrival: Arrival) => void): void {
  routes.set(cache, to);
}

/** Called once the arrived messages are committed to the cache (a click on the announcement opens them). */
export function reportArrival(cache: DeviceCacheAccess, arrival: Arrival): void {
  if (!arrival.messages.length) return;
  routes.get(cache)?.(arrival);
}
