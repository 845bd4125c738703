import type { WireError } from '../../common/result';

/** An error shown where it happened, announced to screen readers. */
export function ErrorText({ error, onDismiss }: { error: WireError | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-text" role="alert" data-error-code={error.code}>
      <span>{error.message}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
