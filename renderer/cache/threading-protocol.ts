import type { EncodedThreads } from './thread-table';

/** The page asks the threading worker for one device's conversations. */
export interface ThreadingRequest {
  requestId: number;
  dbName: string;
}

export type ThreadingReply = { requestId: number; ok: true; threads: EncodedThreads } | { requestId: number; ok: false; error: string };
