import { describe, expect, it } from 'vitest';
import type { AccountIdentities } from '../../../../common/model/identity';
import { validateParams } from '../../../../main/core/validate-params';

/** The cap on a rich signature's HTML (common/commands/schemas.ts): room for a logo as a data: URL, not for anything. */
const CAP = 700_000;

const html = (length: number): string => `<p>${'x'.repeat(length - '<p></p>'.length)}</p>`;
const identities = (signatureHtml: string, where: 'main' | 'extra'): AccountIdentities => ({
  main: { replyTo: '', signature: 'Ann', ...(where === 'main' ? { signatureHtml } : {}) },
  extra: where === 'extra' ? [{ id: 'i1', name: 'Ann', address: 'ann@example.test', replyTo: '', signature: 'Ann', signatureHtml }] : [],
  signaturePlacement: 'above-quote',
});

describe('account:setIdentities: a rich signature at the bounds of its size', () => {
  it('takes one of exactly the cap, the account’s own and another identity’s alike', () => {
    for (const where of ['main', 'extra'] as const) {
      const params = { accountId: 'a1', identities: identities(html(CAP), where) };
      expect(html(CAP)).toHaveLength(CAP);
      expect(validateParams('account:setIdentities', params), where).toEqual({ ok: true, value: params });
    }
  });

  it('refuses one a character longer, naming the field, before any handler runs', () => {
    for (const where of ['main', 'extra'] as const) {
      const refused = validateParams('account:setIdentities', { accountId: 'a1', identities: identities(html(CAP + 1), where) });
      const field = where === 'main' ? 'identities.main.signatureHtml' : 'identities.extra.0.signatureHtml';
      expect(refused, where).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(`${field}: Too big`) as unknown } });
    }
  });
});
