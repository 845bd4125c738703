/**
 * RFC 1939 §8: one session at a time may hold a user's maildrop. The lock is taken after the
 * password is checked and given back when the session ends, however it ends.
 */
export class MaildropLocks {
  private readonly held = new Set<string>();

  /** True when the lock was free and is now this caller's. */
  acquire(user: string): boolean {
    if (this.held.has(user)) return false;
    this.held.add(user);
    return true;
  }

  release(user: string): void {
    this.held.delete(user);
  }
}
