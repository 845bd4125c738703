/** The page asks the threading worker for one device's conversations (answered as EncodedThreads). */
export interface ThreadingRequest {
  dbName: string;
}
