import { findPart, type MimeEntity } from './mime-tree';

/** A BODY[<section>] specifier (RFC 3501 §6.4.5), parsed. */
export interface SectionSpec {
  /** Part numbers, e.g. [1, 2] for "1.2"; empty for the whole message. */
  path: number[];
  text: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME' | null;
  /** Field names of HEADER.FIELDS(.NOT), any case. */
  fields: string[];
}

const CRLF = Buffer.from('\r\n');

function headerFields(message: MimeEntity, names: readonly string[], keep: boolean): Buffer {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const chosen = message.fields.filter((field) => wanted.has(field.key) === keep).map((field) => (field.raw[field.raw.length - 1] === 0x0a ? field.raw : Buffer.concat([field.raw, CRLF])));
  // The blank line that ends a header is part of the section (RFC 3501 §6.4.5).
  return Buffer.concat([...chosen, CRLF]);
}

/**
 * The exact bytes a section names, cut from the stored message; null when the message has no
 * such part (the caller answers with an empty string, as Dovecot does).
 */
export function sectionBytes(raw: Buffer, root: MimeEntity, spec: SectionSpec): Buffer | null {
  if (spec.path.length === 0 && spec.text === null) return raw;
  const entity = spec.path.length === 0 ? root : findPart(root, spec.path);
  if (!entity) return null;
  if (spec.text === null) return raw.subarray(entity.bodyStart, entity.end);
  if (spec.text === 'MIME') return spec.path.length === 0 ? null : raw.subarray(entity.start, entity.bodyStart);
  // HEADER and TEXT of a part name the message inside a message/rfc822 part.
  const message = spec.path.length === 0 ? root : entity.message;
  if (!message) return null;
  switch (spec.text) {
    case 'HEADER':
      return raw.subarray(message.start, message.bodyStart);
    case 'TEXT':
      return raw.subarray(message.bodyStart, message.end);
    case 'HEADER.FIELDS':
      return headerFields(message, spec.fields, true);
    case 'HEADER.FIELDS.NOT':
      return headerFields(message, spec.fields, false);
    default: {
      const never: never = spec.text;
      throw new Error(`unknown section text ${String(never)}`);
    }
  }
}
