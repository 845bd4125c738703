import { Component, type ErrorInfo, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

interface ErrorBoundaryProps {
  /** What the pane shows, as the start of a sentence, in the language shown: "This message", "The message list". */
  what: string;
  /** When this changes (another message, another folder), the pane tries again by itself. */
  resetKey?: unknown;
  /** Classes of the pane the message stands in for, so it keeps that pane's place in the layout. */
  className?: string;
  /** The pane's accessible name, kept while it shows the message. */
  label?: string;
  /** Shown instead of the pane-sized note where that would not fit (a 64-pixel list row). */
  fallback?: ReactNode;
  children: ReactNode;
}

interface ErrorBoundaryState {
  failed: boolean;
}

/**
 * One pane's safety net: a render error inside it (one hostile message, one broken record) costs
 * that pane, which says so in plain words and offers to try again, never the whole window. The
 * error goes to the console for whoever debugs it; the user never sees a raw JavaScript error.
 * A list row uses it too, with a row-sized `fallback` that stays selectable.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Porthole: ${this.props.what} could not be shown:`, error, info.componentStack);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback;
    return (
      <section className={`pane-error ${this.props.className ?? ''}`} aria-label={this.props.label}>
        <div className="pane-error-box" role="alert">
          <p className="pane-error-title">
            <FormattedMessage id="ui.paneError.title" defaultMessage="{what} could not be shown." values={{ what: this.props.what }} />
          </p>
          <p className="muted">
            <FormattedMessage id="ui.paneError.detail" defaultMessage="Something in it could not be displayed. The rest of Porthole keeps working." />
          </p>
          <button type="button" onClick={() => this.setState({ failed: false })}>
            <FormattedMessage id="ui.paneError.retry" defaultMessage="Try again" />
          </button>
        </div>
      </section>
    );
  }
}
