import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CertificateInfo } from '../../../common/result';

/**
 * A certificate the server showed that this computer does not trust, to trust for this account
 * after comparing its fingerprint — the same card in the setup form and in Settings.
 * `takeFocus`: the card may open below the fold (1024×700), so it is scrolled into view whole and
 * its heading read first.
 */
export function CertificateCard({ certificate, busy, onTrust, trustLabel, takeFocus = false }: { certificate: CertificateInfo; busy: boolean; onTrust: () => void; trustLabel: string; takeFocus?: boolean }) {
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    heading.current?.closest('section')?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [takeFocus, certificate.fingerprint256]);
  return (
    <section className="certificate" role="alert" aria-label={intl.formatMessage({ id: 'setup.certificate.label', defaultMessage: 'Untrusted certificate' })}>
      <h3 id={takeFocus ? 'certificate-heading' : undefined} ref={heading} tabIndex={-1}>
        <FormattedMessage id="setup.certificate.heading" defaultMessage="The server’s certificate is not trusted by this computer" />
      </h3>
      <p>
        <FormattedMessage
          id="setup.certificate.issued"
          defaultMessage="{subject}, issued by {issuer}. Trust it only if this fingerprint matches the one your provider gave you:"
          values={{ subject: certificate.subject, issuer: certificate.issuer }}
        />
      </p>
      <p className="fingerprint" data-testid="certificate-fingerprint">
        {certificate.fingerprint256}
      </p>
      <button type="button" onClick={onTrust} disabled={busy}>
        {trustLabel}
      </button>
    </section>
  );
}
