import { useIntl } from 'react-intl';
import type { WireError } from '../../common/result';
import { CLOSE_SIGN } from './icons';
import { errorText } from '../i18n/error-words';

/** An error shown where it happened, announced to screen readers. */
export function ErrorText({ error, onDismiss }: { error: WireError | null; onDismiss?: () => void }) {
  const intl = useIntl();
  if (!error) return null;
  return (
    <div className="error-text" role="alert" data-error-code={error.code}>
      <span>{errorText(error, intl)}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label={intl.formatMessage({ id: 'ui.errorText.dismiss', defaultMessage: 'Dismiss error' })}>
          {CLOSE_SIGN}
        </button>
      )}
    </div>
  );
}
