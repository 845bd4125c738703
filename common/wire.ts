/**
 * JSON for the WebSocket transports, keeping binary data binary: Uint8Array values travel as
 * `{ "$bytes": "<base64>" }`. Electron IPC does not need this (structured clone keeps them).
 */
const BYTES_KEY = '$bytes';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = new Uint8Array(64);
const BASE64_LOOKUP = new Uint8Array(128);
for (let i = 0; i < BASE64_ALPHABET.length; i++) {
  BASE64_CODES[i] = BASE64_ALPHABET.charCodeAt(i);
  BASE64_LOOKUP[BASE64_ALPHABET.charCodeAt(i)] = i;
}
// The text is built as ASCII bytes and decoded once: appending four characters at a time to a
// string cost 0.7–1.1 s of main's thread per 4 MB (a POP batch), this about 20 ms.
const ascii = new TextDecoder();
const asciiBytes = new TextEncoder();

export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let i = 0;
  let o = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64_CODES[n >> 18]!;
    out[o++] = BASE64_CODES[(n >> 12) & 63]!;
    out[o++] = BASE64_CODES[(n >> 6) & 63]!;
    out[o++] = BASE64_CODES[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out[o++] = BASE64_CODES[n >> 18]!;
    out[o++] = BASE64_CODES[(n >> 12) & 63]!;
    out[o++] = rest === 2 ? BASE64_CODES[(n >> 6) & 63]! : 0x3d;
    out[o] = 0x3d;
  }
  return ascii.decode(out);
}

export function base64ToBytes(text: string): Uint8Array {
  const codes = asciiBytes.encode(text);
  let length = codes.length;
  while (length > 0 && codes[length - 1] === 0x3d) length--;
  const out = new Uint8Array(Math.floor((length * 3) / 4));
  let o = 0;
  for (let i = 0; i < length; i += 4) {
    const a = BASE64_LOOKUP[codes[i]! & 127]!;
    const b = BASE64_LOOKUP[codes[i + 1]! & 127]!;
    const c = i + 2 < length ? BASE64_LOOKUP[codes[i + 2]! & 127]! : 0;
    const d = i + 3 < length ? BASE64_LOOKUP[codes[i + 3]! & 127]! : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function encodeWire(value: unknown): string {
  // The replacer reads the holder, not `v`: Node's Buffer has a toJSON that runs first.
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const original = (this as Record<string, unknown>)[key];
    return original instanceof Uint8Array ? { [BYTES_KEY]: bytesToBase64(original) } : v;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      const encoded = record[BYTES_KEY];
      if (typeof encoded === 'string' && Object.keys(record).length === 1) return base64ToBytes(encoded);
    }
    return v;
  });
}
