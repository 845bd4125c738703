import { lazy, Suspense, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { formatAddress } from '../../../common/compose/reply';
import type { AccountSummary } from '../../../common/model/account';
import { MAIN_IDENTITY_ID, NO_IDENTITIES, type AccountIdentities, type Identity } from '../../../common/model/identity';
import { useCommand } from '../../app/use-command';
import { ErrorText } from '../../ui/ErrorText';
import { useFocusAfterSave } from './focus-after-save';
import { signatureText, type RichNode } from '../../../common/compose/rich-text';
import { signatureParagraph } from '../composer/rich-html';

/** The composer's editor, loaded only when a signature is written in rich text. */
const RichEditor = lazy(() => import('../composer/RichEditor').then((m) => ({ default: m.RichEditor })));

const PLACEMENTS = defineMessages({
  'above-quote': { id: 'settings.identity.aboveQuote', defaultMessage: 'above the quoted message' },
  'below-quote': { id: 'settings.identity.belowQuote', defaultMessage: 'below the quoted message' },
});

type IdentityExtras = { replyTo: string; signature: string; signatureHtml?: string; plainTextOnly?: boolean };

/** A rich signature typed: its HTML, and its text (what plain-text messages carry), for the identity `who`. */
type RichSignatureChange = (who: string, html: string, text: string) => void;

/** The fields without a rich signature (its text stays). */
function withoutRichSignature(value: IdentityExtras): IdentityExtras {
  return { replyTo: value.replyTo, signature: value.signature, ...(value.plainTextOnly !== undefined ? { plainTextOnly: value.plainTextOnly } : {}) };
}

/**
 * The identity with these fields as `next` has them, its others (an extra one's id, name and
 * address) as they are, and in the same order: the form is unsaved while its JSON differs.
 */
function withExtras<T extends IdentityExtras>(identity: T, next: IdentityExtras): T {
  const updated: T = { ...identity, ...withoutRichSignature(next), ...(next.signatureHtml !== undefined ? { signatureHtml: next.signatureHtml } : {}) };
  // Replaced, not merged: a rich signature turned off must not stay behind.
  if (next.signatureHtml === undefined) delete updated.signatureHtml;
  if (next.plainTextOnly === undefined) delete updated.plainTextOnly;
  return updated;
}

/** Reply-To, signature and plain text only: the fields every identity has, the account's own included. */
function ReplyToAndSignature({ idPrefix, who, value, onChange, onRichSignature }: { idPrefix: string; who: string; value: IdentityExtras; onChange: (next: IdentityExtras) => void; onRichSignature: RichSignatureChange }) {
  // Reads the identities as they are when the user types (a function made earlier would hold older ones).
  const onRichChange = useCallback(({ html, doc }: { html: string; doc: RichNode }) => onRichSignature(who, html, signatureText(doc)), [who, onRichSignature]);
  const intl = useIntl();
  const signature = intl.formatMessage({ id: 'settings.identity.signature', defaultMessage: 'Signature' });
  return (
    <>
      <label htmlFor={`${idPrefix}-reply-to`}>
        <FormattedMessage id="settings.identity.replyTo" defaultMessage="Reply-To" />
      </label>
      <input
        id={`${idPrefix}-reply-to`}
        type="email"
        placeholder={intl.formatMessage({ id: 'settings.identity.replyToPlaceholder', defaultMessage: '(replies come to this address)' })}
        value={value.replyTo}
        onChange={(e) => onChange({ ...value, replyTo: e.target.value.trim() })}
      />
      {value.signatureHtml !== undefined ? <span className="signature-label">{signature}</span> : <label htmlFor={`${idPrefix}-signature`}>{signature}</label>}
      {value.signatureHtml !== undefined ? (
        <Suspense
          fallback={
            <div className="rich-editor muted pad">
              <FormattedMessage id="settings.identity.loadingEditor" defaultMessage="Loading the editor…" />
            </div>
          }
        >
          <RichEditor
            initialHtml={value.signatureHtml}
            autoFocus={false}
            label={signature}
            onChange={onRichChange}
          />
        </Suspense>
      ) : (
        <textarea id={`${idPrefix}-signature`} rows={3} dir="auto" value={value.signature} onChange={(e) => onChange({ ...value, signature: e.target.value })} />
      )}
      <span />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.signatureHtml !== undefined}
          onChange={(e) => {
            // Back to plain text keeps the words (the rich signature's text); the formatting goes.
            if (e.target.checked) onChange({ ...value, signatureHtml: value.signature.trim() ? signatureParagraph(value.signature) : '' });
            else onChange(withoutRichSignature(value));
          }}
        />
        <FormattedMessage id="settings.identity.richSignature" defaultMessage="Rich text signature (bold, colour, links, a picture)" />
      </label>
      <span />
      <label className="checkbox">
        <input type="checkbox" checked={value.plainTextOnly === true} onChange={(e) => onChange({ ...value, plainTextOnly: e.target.checked })} />
        <FormattedMessage id="settings.identity.plainTextOnly" defaultMessage="Write plain text only (never rich text)" />
      </label>
    </>
  );
}

/**
 * The addresses the account writes from (its own, and aliases or shared addresses the server lets
 * it send as), each with a Reply-To and a plain-text signature, and where a reply's signature
 * goes. Saved with its own button (account:setIdentities); no server is asked.
 */
export function IdentityFields({ account, onDirtyChange }: { account: AccountSummary; onDirtyChange?: (dirty: boolean) => void }) {
  const intl = useIntl();
  const [saved, setSaved] = useState<AccountIdentities>(account.identities ?? NO_IDENTITIES);
  const [value, setValue] = useState(saved);
  const [savedNote, setSavedNote] = useState(false);
  const save = useCommand('account:setIdentities');
  const dirty = JSON.stringify(value) !== JSON.stringify(saved);
  useLayoutEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const section = useRef<HTMLDivElement>(null);
  const focusAfterSave = useFocusAfterSave(() => section.current?.querySelector<HTMLElement>('.error-text, .saved-note'));

  const change = (next: AccountIdentities): void => {
    setValue(next);
    setSavedNote(false);
    save.clearError();
  };
  const changeExtra = (id: string, next: Partial<Identity>): void => change({ ...value, extra: value.extra.map((i) => (i.id === id ? { ...i, ...next } : i)) });
  // The one change of an identity's Reply-To and signature fields, typed in the rich editor or not:
  // made from the identities as they are when it runs (a rich editor's handler, made earlier, would hold older ones).
  const updateExtras = useCallback((who: string, next: (current: IdentityExtras) => IdentityExtras): void => {
    const updated = <T extends IdentityExtras>(identity: T): T => withExtras(identity, next(identity));
    setValue((current) => (who === MAIN_IDENTITY_ID ? { ...current, main: updated(current.main) } : { ...current, extra: current.extra.map((i) => (i.id === who ? updated(i) : i)) }));
    setSavedNote(false);
  }, []);
  const changeRichSignature = useCallback<RichSignatureChange>((who, html, text) => updateExtras(who, (identity) => ({ ...identity, signatureHtml: html, signature: text })), [updateExtras]);
  const changeExtras = (who: string, next: IdentityExtras): void => {
    updateExtras(who, () => next);
    save.clearError();
  };
  const add = (): void => change({ ...value, extra: [...value.extra, { id: crypto.randomUUID(), name: account.displayName, address: '', replyTo: '', signature: '' }] });
  const onSave = async (): Promise<void> => {
    const result = await save.run({ accountId: account.id, identities: value });
    focusAfterSave();
    if (result === null) return;
    setSaved(value);
    setSavedNote(true);
  };

  return (
    <div ref={section} className="identity-fields">
      <fieldset className="endpoint identity">
        <legend>{formatAddress({ name: account.displayName, address: account.address })}</legend>
        <ReplyToAndSignature idPrefix="identity-main" who={MAIN_IDENTITY_ID} value={value.main} onChange={(main) => changeExtras(MAIN_IDENTITY_ID, main)} onRichSignature={changeRichSignature} />
      </fieldset>
      {value.extra.map((identity, n) => (
        <fieldset key={identity.id} className="endpoint identity" aria-label={intl.formatMessage({ id: 'settings.identity.label', defaultMessage: 'Identity {number}' }, { number: String(n + 2) })}>
          <legend>{identity.address ? formatAddress({ name: identity.name, address: identity.address }) : <FormattedMessage id="settings.identity.new" defaultMessage="New identity" />}</legend>
          <label htmlFor={`identity-${identity.id}-name`}>
            <FormattedMessage id="settings.identity.name" defaultMessage="Name" />
          </label>
          <input id={`identity-${identity.id}-name`} dir="auto" value={identity.name} onChange={(e) => changeExtra(identity.id, { name: e.target.value })} />
          <label htmlFor={`identity-${identity.id}-address`}>
            <FormattedMessage id="settings.identity.address" defaultMessage="Address" />
          </label>
          <input id={`identity-${identity.id}-address`} type="email" value={identity.address} onChange={(e) => changeExtra(identity.id, { address: e.target.value.trim() })} />
          <ReplyToAndSignature idPrefix={`identity-${identity.id}`} who={identity.id} value={identity} onChange={(next) => changeExtras(identity.id, next)} onRichSignature={changeRichSignature} />
          <div className="span-all form-actions start">
            <button type="button" className="link-button danger-link" onClick={() => change({ ...value, extra: value.extra.filter((i) => i.id !== identity.id) })}>
              <FormattedMessage id="settings.identity.remove" defaultMessage="Remove this identity" />
            </button>
          </div>
        </fieldset>
      ))}
      <div className="form-actions start">
        <button type="button" onClick={add}>
          <FormattedMessage id="settings.identity.add" defaultMessage="Add an identity…" />
        </button>
        <span className="muted">
          <FormattedMessage id="settings.identity.addNote" defaultMessage="An alias or shared address your mail server lets you send from." />
        </span>
      </div>
      <fieldset className="signature-placement">
        <legend>
          <FormattedMessage id="settings.identity.placementLegend" defaultMessage="In replies and forwards, put the signature" />
        </legend>
        {(['above-quote', 'below-quote'] as const).map((placement) => (
          <label key={placement} className="checkbox">
            <input type="radio" name="signature-placement" checked={value.signaturePlacement === placement} onChange={() => change({ ...value, signaturePlacement: placement })} />
            {intl.formatMessage(PLACEMENTS[placement])}
          </label>
        ))}
      </fieldset>
      <ErrorText error={save.error} />
      <div className="form-actions">
        {savedNote && (
          <span role="status" className="saved-note" tabIndex={-1}>
            <FormattedMessage id="settings.save.saved" defaultMessage="Saved." />
          </span>
        )}
        <button type="button" className="primary" onClick={() => void onSave()} disabled={save.pending || !dirty}>
          <FormattedMessage id="settings.identity.save" defaultMessage="Save identities" />
        </button>
      </div>
    </div>
  );
}
