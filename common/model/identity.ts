import type { MailAddress } from './mail';

/**
 * One of the addresses an account writes from (an alias, a shared address the server lets it
 * send as): the name and address in From, an optional Reply-To, and its plain-text signature.
 */
export interface Identity {
  id: string;
  name: string;
  address: string;
  /** Empty: replies go to `address`. */
  replyTo: string;
  /** Plain text, without the "-- " line (added when it is placed); empty: none. With `signatureHtml`, that signature's text. */
  signature: string;
  /** The signature written in rich text (sanitized HTML, pictures as data: URLs): what a rich message shows; absent: the text. */
  signatureHtml?: string;
  /** Mail from this address is always plain text (a list that refuses HTML, a plain-text habit): the composer offers no rich text. */
  plainTextOnly?: boolean;
}

/** Where a reply's or forward's signature goes: after the user's text and before the quote (as Gmail and Apple Mail do), or after the quote. */
export type SignaturePlacement = 'above-quote' | 'below-quote';

/** What an account keeps of its identities; absent, the account writes from its own address with no signature. */
export interface AccountIdentities {
  /** The Reply-To and signature of the account's own address (its name and address are the account's). */
  main: { replyTo: string; signature: string; signatureHtml?: string; plainTextOnly?: boolean };
  /** More identities, in the order the From chooser lists them. */
  extra: Identity[];
  signaturePlacement: SignaturePlacement;
}

/** The id of the identity made of the account's own name and address. */
export const MAIN_IDENTITY_ID = 'main';

export const NO_IDENTITIES: AccountIdentities = { main: { replyTo: '', signature: '' }, extra: [], signaturePlacement: 'above-quote' };

/** Every identity of an account: its own first, then the others. */
export function identitiesOf(account: { displayName: string; address: string; identities?: AccountIdentities | null }): Identity[] {
  const kept = account.identities ?? NO_IDENTITIES;
  return [{ id: MAIN_IDENTITY_ID, name: account.displayName, address: account.address, ...kept.main }, ...kept.extra];
}

/**
 * The identity a reply or forward writes from: the first one the original was addressed to (To,
 * then Cc, then Delivered-To-like recipients the caller adds), else the account's own.
 */
export function identityAddressedBy(identities: readonly Identity[], recipients: readonly MailAddress[]): Identity {
  const addressed = new Set(recipients.map((r) => r.address.toLowerCase()));
  return identities.find((i) => addressed.has(i.address.toLowerCase())) ?? identities[0]!;
}
