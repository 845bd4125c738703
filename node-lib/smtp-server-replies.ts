import type { Readable } from 'node:stream';

/** An error smtp-server answers with its own reply code instead of a generic 451. */
export type SmtpError = Error & { responseCode: number };

/** `responseCode` with its enhanced status and text (RFC 5321 §4.2, RFC 3463), e.g. 550 '5.1.1 No such user here'. */
export function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/** The whole message of a DATA stream. */
export function readAll(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
