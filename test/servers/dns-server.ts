import dns2 from 'dns2';

const { Packet } = dns2;

/** A name's records in the test zone. */
export interface DnsRecords {
  A?: string[];
  MX?: Array<{ exchange: string; priority: number }>;
  /** `target: '.'` is RFC 6186's "not offered". */
  SRV?: Array<{ target: string; port: number; priority?: number; weight?: number }>;
}

/**
 * Instead of records: `stall` never answers (the client times out); `garbage` answers with a reply
 * cut off in the middle of its records (the client's parser must refuse it).
 */
export type DnsMisbehaviour = 'stall' | 'garbage';

export interface TestDnsServer {
  /** `127.0.0.1:port`, for DiscoveryOptions.dnsServers. */
  address: string;
  /** Sets (replaces) a name's records; names are matched without case and without a final dot; `*.domain` for every name under it. */
  set(name: string, records: DnsRecords | DnsMisbehaviour): void;
  /** Forgets every name: they all answer NXDOMAIN again. */
  clear(): void;
  /** The questions asked so far, as `TYPE name`. */
  questions(): string[];
  stop(): Promise<void>;
}

const TYPE_NAMES: Record<number, string> = { [Packet.TYPE.A]: 'A', [Packet.TYPE.AAAA]: 'AAAA', [Packet.TYPE.MX]: 'MX', [Packet.TYPE.SRV]: 'SRV' };

/** A real DNS server (dns2, UDP) on 127.0.0.1 with a port of its own, answering from a zone the test sets. */
export async function startDnsServer(): Promise<TestDnsServer> {
  const zone = new Map<string, DnsRecords | DnsMisbehaviour>();
  const asked: string[] = [];
  const key = (name: string): string => name.toLowerCase().replace(/\.$/, '');
  // `*.example.test` answers for any name under example.test that has no entry of its own.
  const wildcardFor = (name: string): DnsRecords | DnsMisbehaviour | undefined => {
    const labels = name.split('.');
    for (let index = 1; index < labels.length; index += 1) {
      const entry = zone.get(`*.${labels.slice(index).join('.')}`);
      if (entry) return entry;
    }
    return undefined;
  };
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (!question) return void send(response);
      const name = key(question.name);
      asked.push(`${TYPE_NAMES[question.type] ?? question.type} ${name}`);
      const entry = zone.get(name) ?? wildcardFor(name);
      if (entry === 'stall') return;
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      if (entry === 'garbage') {
        response.answers.push({ ...base, type: Packet.TYPE.A, address: '127.0.0.1' } as dns2.Packet.Resource);
        response.answers.push({ ...base, type: Packet.TYPE.A, address: '127.0.0.2' } as dns2.Packet.Resource);
        const whole = response.toBuffer();
        return void send(whole.subarray(0, whole.length - 7));
      }
      if (!entry) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return void send(response);
      }
      if (question.type === Packet.TYPE.A) {
        for (const address of entry.A ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address } as dns2.Packet.Resource);
      } else if (question.type === Packet.TYPE.MX) {
        for (const mx of entry.MX ?? []) response.answers.push({ ...base, type: Packet.TYPE.MX, exchange: mx.exchange, priority: mx.priority } as dns2.Packet.Resource);
      } else if (question.type === Packet.TYPE.SRV) {
        for (const srv of entry.SRV ?? []) {
          response.answers.push({ ...base, type: Packet.TYPE.SRV, priority: srv.priority ?? 0, weight: srv.weight ?? 0, port: srv.port, target: srv.target === '.' ? '' : srv.target } as dns2.Packet.Resource);
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  const udpPort = addresses.udp?.port;
  if (!udpPort) throw new Error('test DNS server: no UDP port');
  // UDP only: c-ares asks over TCP only when a UDP answer is truncated, and these answers are small.
  return {
    address: `127.0.0.1:${udpPort}`,
    set: (name, records) => void zone.set(key(name), records),
    clear: () => zone.clear(),
    questions: () => [...asked],
    stop: () => server.close(),
  };
}
