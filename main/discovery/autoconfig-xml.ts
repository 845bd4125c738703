import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Security } from '../../common/model/account';
import type { AutoconfigProblem, SkippedServer } from '../../common/model/discovery-notes';

/** One server of a Mozilla autoconfig file (config-v1.1.xml), placeholders still in. */
export interface AutoconfigServer {
  type: 'imap' | 'pop3' | 'smtp';
  hostname: string;
  port: number;
  security: Security;
  /** With %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% as the file has them. */
  username: string;
  /** The file's `authentication` values, e.g. `password-cleartext`, `OAuth2`. */
  authentication: string[];
}

export interface AutoconfigFile {
  displayName: string | null;
  /** In the file's order, which is its preference order. */
  incoming: AutoconfigServer[];
  outgoing: AutoconfigServer[];
  /** Servers the file names but Porthole cannot use, and why (an unknown socketType, a bad port …). */
  skipped: SkippedServer[];
}

export type AutoconfigParse = { ok: true; file: AutoconfigFile } | { ok: false; problem: AutoconfigProblem };

/** Bigger than any real autoconfig file (a few KiB); the download stops here too. */
export const MAX_AUTOCONFIG_BYTES = 256 * 1024;

const SOCKET_TYPES: Record<string, Security> = { SSL: 'tls', STARTTLS: 'starttls', plain: 'none' };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Every value stays text: "0993" is a port to check, not a number to coerce.
  parseTagValue: false,
  parseAttributeValue: false,
  // No entity expansion at all: a DOCTYPE cannot grow the document ("billion laughs").
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => ['emailProvider', 'incomingServer', 'outgoingServer', 'authentication'].includes(name),
});

/**
 * Reads a config-v1.1.xml (https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat).
 * Never throws: malformed XML, a missing part or a value out of range is a problem, as values.
 */
export function parseAutoconfig(xml: string): AutoconfigParse {
  if (xml.length > MAX_AUTOCONFIG_BYTES) return { ok: false, problem: { kind: 'tooLarge', kib: MAX_AUTOCONFIG_BYTES / 1024 } };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, problem: { kind: 'notXml', line: valid.err.line, detail: valid.err.msg } };
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    return { ok: false, problem: { kind: 'notXml', line: null, detail: error instanceof Error ? error.message : String(error) } };
  }
  const clientConfig = child(document, 'clientConfig');
  if (!isRecord(clientConfig)) return { ok: false, problem: { kind: 'notAutoconfig' } };
  const provider = children(clientConfig, 'emailProvider').find(isRecord);
  if (!provider) return { ok: false, problem: { kind: 'noEmailProvider' } };
  const skipped: SkippedServer[] = [];
  const read = (node: unknown, kind: 'incoming' | 'outgoing'): AutoconfigServer | null => {
    const server = readServer(node, kind);
    if ('kind' in server) {
      skipped.push(server);
      return null;
    }
    return server;
  };
  const incoming = children(provider, 'incomingServer').map((node) => read(node, 'incoming')).filter((s) => s !== null);
  const outgoing = children(provider, 'outgoingServer').map((node) => read(node, 'outgoing')).filter((s) => s !== null);
  if (incoming.length === 0) {
    return { ok: false, problem: { kind: 'noUsableIncoming', skipped } };
  }
  return { ok: true, file: { displayName: text(provider, 'displayName'), incoming, outgoing, skipped } };
}

function readServer(node: unknown, kind: 'incoming' | 'outgoing'): AutoconfigServer | SkippedServer {
  if (!isRecord(node)) return { kind: 'empty', direction: kind };
  const type = text(node, '@_type');
  const expected = kind === 'incoming' ? ['imap', 'pop3'] : ['smtp'];
  if (type === null || !expected.includes(type)) return { kind: 'wrongType', direction: kind, type };
  const hostname = text(node, 'hostname');
  if (!hostname) return { kind: 'noHost', service: type as AutoconfigServer['type'] };
  const portText = text(node, 'port') ?? '';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65_535)) return { kind: 'badPort', host: hostname, port: portText };
  const socketType = text(node, 'socketType') ?? '';
  const security = SOCKET_TYPES[socketType];
  if (!security) return { kind: 'badEncryption', host: hostname, socketType };
  const authentication = children(node, 'authentication').map((value) => asText(value)).filter((value) => value !== null);
  return {
    type: type as AutoconfigServer['type'],
    hostname,
    port,
    security,
    username: text(node, 'username') ?? '%EMAILADDRESS%',
    authentication,
  };
}

/** The file's placeholders for this address (the wiki's list; others are left as they are). */
export function fillPlaceholders(template: string, address: string): string {
  const at = address.lastIndexOf('@');
  const localPart = address.slice(0, at);
  const domain = address.slice(at + 1);
  return template.replace(/%EMAILADDRESS%/g, address).replace(/%EMAILLOCALPART%/g, localPart).replace(/%EMAILDOMAIN%/g, domain);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(node: unknown, key: string): unknown {
  return isRecord(node) ? node[key] : undefined;
}

function children(node: Record<string, unknown>, key: string): unknown[] {
  const value = node[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** An element's text whatever shape the parser gave it (repeated: the first; with attributes: its #text). */
function text(node: Record<string, unknown>, key: string): string | null {
  return asText(children(node, key)[0]);
}

function asText(value: unknown): string | null {
  const raw = isRecord(value) ? value['#text'] : value;
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}
