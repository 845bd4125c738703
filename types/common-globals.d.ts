// The WHATWG URL API exists in every runtime common/ code runs in (Node and browsers), but the
// common project sees neither Node's nor the DOM's declarations, on purpose. These are the parts
// common/ uses; the other projects get the full ones from their own libs.
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
}

declare class URLSearchParams {
  constructor(init?: string);
  getAll(name: string): string[];
  keys(): IterableIterator<string>;
}

// Text codecs exist in Node and every browser; common/wire.ts uses them for base64.
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
