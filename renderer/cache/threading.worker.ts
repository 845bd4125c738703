/**
 * The threading worker: reads a device's cache and threads every message off the page's thread
 * (100,000 messages took seconds of reads and threading there, and a scroll frame of 117 ms).
 */
import { threadMessages } from '../../common/threading/jwz';
import { readThreadingInputs } from './thread-inputs';
import { encodeThreads, type EncodedThreads } from './thread-table';
import type { ThreadingRequest } from './threading-protocol';
import { serveRequests } from './worker-serve';

serveRequests<ThreadingRequest, EncodedThreads>(async ({ dbName }) => {
  const threads = encodeThreads(threadMessages(await readThreadingInputs(dbName)).threads);
  return { answer: threads, transfer: [threads.layout.buffer] };
});
