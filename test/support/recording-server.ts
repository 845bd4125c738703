import { createServer, type Server, type Socket } from 'node:net';

/**
 * A server that only listens: it greets like a mail server, records every line a client sends
 * and refuses every login, so a test can tell exactly what a client would have given a host it
 * was pointed at. On 127.0.0.1, port 0.
 */
export interface RecordingServer {
  port: number;
  /** Every line received so far, across all connections, in order. */
  lines: string[];
  connections: number;
  close(): Promise<void>;
}

/** The POP3 the recorder speaks: a greeting, USER accepted, PASS and everything else refused. */
function pop3Answer(line: string): { reply: string; close: boolean } {
  const verb = line.split(' ')[0]!.toUpperCase();
  if (verb === 'QUIT') return { reply: '+OK bye', close: true };
  if (verb === 'USER') return { reply: '+OK send PASS', close: false };
  if (verb === 'PASS' || verb === 'APOP') return { reply: '-ERR [AUTH] invalid login', close: false };
  return { reply: '-ERR not here', close: false };
}

export async function startRecordingPop3Server(): Promise<RecordingServer> {
  const lines: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.write('+OK recorder ready\r\n');
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        lines.push(line);
        const { reply, close } = pop3Answer(line);
        socket.write(`${reply}\r\n`);
        if (close) socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    lines,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
