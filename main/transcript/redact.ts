const MAX_LINE = 600;

/** Protocol lines that carry credentials, and what a transcript shows of them instead. */
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  // IMAP LOGIN user password (RFC 3501 §6.2.3), quoted or atom, literal or not.
  [/^(\S+ LOGIN \S+) .*/i, '$1 ********'],
  // SASL initial responses and continuations: IMAP AUTHENTICATE, POP3/SMTP AUTH.
  [/^(\S+ AUTHENTICATE \S+) \S.*/i, '$1 ********'],
  [/^(AUTH \S+) \S.*/i, '$1 ********'],
  [/^(PASS) .*/i, '$1 ********'],
  [/^(APOP \S+) .*/i, '$1 ********'],
];

/**
 * What a transcript may keep of a protocol line: credentials masked by shape, any of the
 * account's secrets (and their base64 forms) masked wherever they appear, long lines and
 * literals shortened.
 */
export function redactTranscriptText(text: string, secrets: readonly string[]): string {
  let out = text.replace(/\r?\n$/, '');
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    for (const form of [secret, Buffer.from(secret, 'utf8').toString('base64')]) out = out.split(form).join('********');
  }
  if (out.length > MAX_LINE) out = `${out.slice(0, MAX_LINE)}… [${out.length - MAX_LINE} more characters]`;
  return out;
}
