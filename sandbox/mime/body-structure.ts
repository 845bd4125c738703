import { envelopeOf, type Envelope } from './envelope';
import { headerValue, parseParameterized } from './header';
import type { MimeEntity } from './mime-tree';

/** The extension data every BODYSTRUCTURE part may carry (RFC 3501 §7.4.2). */
interface Extensions {
  disposition: { type: string; params: Array<[string, string]> } | null;
  language: string[] | null;
  location: string | null;
}

export interface LeafStructure extends Extensions {
  kind: 'leaf';
  type: string;
  subtype: string;
  params: Array<[string, string]>;
  id: string | null;
  description: string | null;
  encoding: string;
  /** Octets of the body, as stored. */
  size: number;
  /** Lines of a text/* body; null otherwise. */
  lines: number | null;
  /** For message/rfc822: the inner message's envelope, structure and line count. */
  message: { envelope: Envelope; body: BodyStructure; lines: number } | null;
  md5: string | null;
}

export interface MultipartStructure extends Extensions {
  kind: 'multipart';
  subtype: string;
  params: Array<[string, string]>;
  parts: BodyStructure[];
}

export type BodyStructure = LeafStructure | MultipartStructure;

function countLines(raw: Buffer, start: number, end: number): number {
  if (end <= start) return 0;
  let lines = 0;
  for (let at = raw.indexOf(0x0a, start); at >= 0 && at < end; at = raw.indexOf(0x0a, at + 1)) lines += 1;
  return raw[end - 1] === 0x0a ? lines : lines + 1;
}

function extensions(entity: MimeEntity): Extensions {
  const disposition = headerValue(entity.fields, 'content-disposition');
  const parsed = disposition ? parseParameterized(disposition) : null;
  const language = headerValue(entity.fields, 'content-language');
  return {
    disposition: parsed && parsed.value ? { type: parsed.value, params: parsed.params } : null,
    language: language ? language.split(',').map((tag) => tag.trim()).filter(Boolean) : null,
    location: headerValue(entity.fields, 'content-location') ?? null,
  };
}

/** The BODYSTRUCTURE of an entity (RFC 3501 §7.4.2), from the parsed tree of the raw bytes. */
export function bodyStructureOf(raw: Buffer, entity: MimeEntity): BodyStructure {
  if (entity.type === 'multipart') {
    return { kind: 'multipart', subtype: entity.subtype, params: entity.params, parts: entity.children.map((child) => bodyStructureOf(raw, child)), ...extensions(entity) };
  }
  const inner = entity.message;
  return {
    kind: 'leaf',
    type: entity.type,
    subtype: entity.subtype,
    params: entity.params,
    id: headerValue(entity.fields, 'content-id') ?? null,
    description: headerValue(entity.fields, 'content-description') ?? null,
    encoding: (headerValue(entity.fields, 'content-transfer-encoding') ?? '7bit').toLowerCase(),
    size: entity.end - entity.bodyStart,
    lines: entity.type === 'text' ? countLines(raw, entity.bodyStart, entity.end) : null,
    message: inner ? { envelope: envelopeOf(inner.fields), body: bodyStructureOf(raw, inner), lines: countLines(raw, entity.bodyStart, entity.end) } : null,
    md5: headerValue(entity.fields, 'content-md5') ?? null,
    ...extensions(entity),
  };
}
