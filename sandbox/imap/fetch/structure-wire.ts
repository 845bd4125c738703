import type { BodyStructure } from '../../mime/body-structure';
import type { Envelope, EnvelopeAddress } from '../../mime/envelope';
import { nstr, str, type Wire } from '../response';

function addresses(list: EnvelopeAddress[] | null): Wire {
  return list ? list.map((address) => [nstr(address.name), null, nstr(address.mailbox), nstr(address.host)]) : null;
}

/** RFC 3501 §7.4.2 ENVELOPE. */
export function envelopeWire(envelope: Envelope): Wire {
  return [
    nstr(envelope.date),
    nstr(envelope.subject),
    addresses(envelope.from),
    addresses(envelope.sender),
    addresses(envelope.replyTo),
    addresses(envelope.to),
    addresses(envelope.cc),
    addresses(envelope.bcc),
    nstr(envelope.inReplyTo),
    nstr(envelope.messageId),
  ];
}

function params(list: ReadonlyArray<readonly [string, string]>): Wire {
  return list.length > 0 ? list.flatMap(([name, value]) => [str(name), str(value)]) : null;
}

function extensionData(structure: BodyStructure): Wire[] {
  const disposition = structure.disposition ? [str(structure.disposition.type), params(structure.disposition.params)] : null;
  const language = structure.language ? structure.language.map((tag) => str(tag)) : null;
  return [disposition, language, nstr(structure.location)];
}

/**
 * RFC 3501 §7.4.2 BODYSTRUCTURE (`extended`) or BODY (without extension data): the same tree,
 * the non-extended form leaving out MD5, disposition, language and location.
 */
export function bodyStructureWire(structure: BodyStructure, extended: boolean): Wire {
  if (structure.kind === 'multipart') {
    const parts = structure.parts.map((part) => bodyStructureWire(part, extended));
    const body: Wire[] = [...parts, str(structure.subtype)];
    if (extended) body.push(params(structure.params), ...extensionData(structure));
    return body;
  }
  const body: Wire[] = [
    str(structure.type),
    str(structure.subtype),
    params(structure.params),
    nstr(structure.id),
    nstr(structure.description),
    str(structure.encoding.toUpperCase()),
    structure.size,
  ];
  if (structure.message) body.push(envelopeWire(structure.message.envelope), bodyStructureWire(structure.message.body, extended), structure.message.lines);
  else if (structure.lines !== null) body.push(structure.lines);
  if (extended) body.push(nstr(structure.md5), ...extensionData(structure));
  return body;
}
