import { bodyStructureOf } from '../../mime/body-structure';
import { envelopeOf } from '../../mime/envelope';
import { mimeTreeOf } from '../../mime/parsed-message';
import { sectionBytes } from '../../mime/sections';
import type { MessageRecord } from '../../store/types';
import { str, type Wire } from '../response';
import type { FetchItem } from './fetch-items';
import { bodyStructureWire, envelopeWire } from './structure-wire';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 3501 §9 date-time, in UTC: "06-Nov-2026 08:00:00 +0000". */
export function formatInternalDate(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]!}-${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

function needsContent(item: FetchItem): boolean {
  return item.kind === 'section' || !['UID', 'FLAGS', 'RFC822.SIZE', 'INTERNALDATE', 'MODSEQ'].includes(item.name);
}

export interface RenderOptions {
  /** UID FETCH always answers with the UID (RFC 3501 §6.4.8). */
  withUid: boolean;
  /** Flags changed by this fetch (an implicit \Seen) are reported even when not asked for. */
  withFlags: boolean;
  /** CHANGEDSINCE implies MODSEQ (RFC 7162 §3.1.4.1). */
  withModseq: boolean;
}

/** The FETCH data of one message (RFC 3501 §7.4.2), body sections cut from the exact bytes. */
export async function renderMessage(items: readonly FetchItem[], message: Readonly<MessageRecord>, readRaw: () => Promise<Buffer>, options: RenderOptions): Promise<Wire[]> {
  const raw = items.some(needsContent) ? await readRaw() : Buffer.alloc(0);
  const tree = () => mimeTreeOf(raw);
  const out: Wire[] = [];
  const names = new Set(items.map((item) => (item.kind === 'simple' ? item.name : '')));
  if (options.withUid || names.has('UID')) out.push('UID', message.uid);
  if (options.withFlags && !names.has('FLAGS')) out.push('FLAGS', message.flags);
  if (options.withModseq && !names.has('MODSEQ')) out.push('MODSEQ', [message.modseq]);
  for (const item of items) {
    if (item.kind === 'section') {
      const bytes = sectionBytes(raw, tree(), item.spec) ?? Buffer.alloc(0);
      if (!item.partial) {
        out.push(item.label, { literal: bytes });
        continue;
      }
      const { start, length } = item.partial;
      // RFC 3501 §6.4.5: a partial past the end is an empty string.
      const slice = bytes.subarray(Math.min(start, bytes.length), length === null ? bytes.length : Math.min(bytes.length, start + length));
      out.push(`${item.label}<${start}>`, { literal: slice });
      continue;
    }
    switch (item.name) {
      case 'UID':
        break;
      case 'FLAGS':
        out.push('FLAGS', message.flags);
        break;
      case 'MODSEQ':
        out.push('MODSEQ', [message.modseq]);
        break;
      case 'RFC822.SIZE':
        out.push('RFC822.SIZE', message.size);
        break;
      case 'INTERNALDATE':
        out.push('INTERNALDATE', str(formatInternalDate(message.internalDate)));
        break;
      case 'ENVELOPE':
        out.push('ENVELOPE', envelopeWire(envelopeOf(tree().fields)));
        break;
      case 'BODYSTRUCTURE':
      case 'BODY':
        out.push(item.name, bodyStructureWire(bodyStructureOf(raw, tree()), item.name === 'BODYSTRUCTURE'));
        break;
      case 'RFC822':
        out.push('RFC822', { literal: raw });
        break;
      case 'RFC822.HEADER':
        out.push('RFC822.HEADER', { literal: sectionBytes(raw, tree(), { path: [], text: 'HEADER', fields: [] }) ?? Buffer.alloc(0) });
        break;
      case 'RFC822.TEXT':
        out.push('RFC822.TEXT', { literal: sectionBytes(raw, tree(), { path: [], text: 'TEXT', fields: [] }) ?? Buffer.alloc(0) });
        break;
      default: {
        const never: never = item.name;
        throw new Error(`unknown fetch item ${String(never)}`);
      }
    }
  }
  return out;
}
