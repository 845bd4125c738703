import { Component, type ErrorInfo, type ReactNode } from 'react';
import { UnshowableRowContent } from './MessageRowContent';

interface RowBoundaryProps {
  /** The record the row shows: a new one (the cache changed it) tries again. */
  resetKey: unknown;
  children: ReactNode;
}

/**
 * One list row's safety net: a row that fails to render says "This message could not be shown"
 * in its own place and stays selectable, and the other rows of the folder show as usual. (The
 * pane-sized ErrorBoundary would not fit in a 64-pixel row, nor should each row be an alert.)
 */
export class RowBoundary extends Component<RowBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Porthole: a message list row could not be shown:', error, info.componentStack);
  }

  override componentDidUpdate(previous: RowBoundaryProps): void {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render(): ReactNode {
    return this.state.failed ? <UnshowableRowContent /> : this.props.children;
  }
}
